"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Select } from "@/components/ui";

export interface DisqualifyTarget {
  id: string;
  name: string;
  version: number;
  /** Preselected reason (the suggestion), if any. */
  reasonId?: string;
}

/**
 * Disqualify a deal: a reason from the organization's list (required) and a note. A native <dialog>:
 * focus stays inside, Escape cancels.
 */
export function DisqualifyDialog({
  target,
  onClose,
  onDone,
}: {
  target: DisqualifyTarget | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const options = useQuery({ ...trpc.deals.options.queryOptions(), enabled: target !== null });
  const [reasonId, setReasonId] = useState("");
  const [note, setNote] = useState("");
  const disqualify = useMutation(trpc.deals.disqualify.mutationOptions());
  const { reset } = disqualify;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (target && !element.open) {
      setReasonId(target.reasonId ?? "");
      setNote("");
      reset();
      element.showModal();
    }
    if (!target && element.open) element.close();
  }, [target, reset]);

  return (
    <dialog
      ref={dialog}
      className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl"
      aria-labelledby="disqualify-title"
      onClose={onClose}
    >
      <form
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          if (!target || !reasonId) return;
          disqualify.mutate(
            { dealId: target.id, version: target.version, reasonId, note },
            {
              onSuccess: () => {
                dialog.current?.close();
                onDone();
              },
            },
          );
        }}
      >
        <h2 id="disqualify-title" className="text-lg font-semibold text-slate-900">
          Disqualify “{target?.name}”?
        </h2>
        <p className="text-sm text-slate-600">
          Disqualifying is a respected outcome, not a failure: the deal leaves the pipeline total and stays reportable.
          You can reopen it later.
        </p>
        {disqualify.error ? <Alert>{errorMessage(disqualify.error)}</Alert> : null}
        <Field label="Reason">
          <Select
            required
            value={reasonId}
            onChange={(event) => setReasonId(event.target.value)}
            autoFocus={!target?.reasonId}
          >
            <option value="" disabled>
              Choose a reason…
            </option>
            {options.data?.reasons.map((reason) => (
              <option key={reason.id} value={reason.id}>
                {reason.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Note (optional)">
          <textarea
            className="block min-h-20 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            disabled={!reasonId || disqualify.isPending}
            autoFocus={Boolean(target?.reasonId)}
          >
            {disqualify.isPending ? "Disqualifying…" : "Disqualify"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

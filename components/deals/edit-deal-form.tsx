"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { formatMoney } from "@/components/format";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button } from "@/components/ui";
import { DEAL_STAGES, FIT_LABELS, STAGE_LABELS } from "@/server/domain/labels";
import { useOwnerNames } from "./owner-picker";
import { changedKeys, DealFieldset, FIELD_LABELS, type DealFields, type DealFormOptions } from "./deal-fieldset";
import { FormActions } from "@/components/form-actions";

// ---------------------------------------------------------------------------------------------------
// Edit, with CONFLICT handling

export interface EditableDeal extends DealFields {
  id: string;
  version: number;
}

function describe(
  key: keyof DealFields,
  value: DealFields,
  options: DealFormOptions,
  ownerNames: Map<string, string>,
): string {
  const v = value[key];
  if (key === "amount") return formatMoney(value.amount || "0", value.currency || "USD");
  if (key === "stage") return STAGE_LABELS[value.stage];
  if (key === "problemFit") return FIT_LABELS[value.problemFit];
  if (key === "ownerId") return ownerNames.get(value.ownerId) ?? "someone";
  if (key === "objectiveIds")
    return (
      value.objectiveIds.map((id) => options.objectives.find((o) => o.id === id)?.title ?? "?").join(", ") || "none"
    );
  if (key === "goalIds")
    return value.goalIds.map((id) => options.goals.find((g) => g.id === id)?.title ?? "?").join(", ") || "none";
  return String(v) || "—";
}

export function EditDealForm({
  deal,
  options,
  canReassign,
  onSaved,
  onCancel,
  reload,
}: {
  deal: EditableDeal;
  options: DealFormOptions;
  canReassign: boolean;
  onSaved: () => void;
  onCancel: () => void;
  /** Fetches the current record (after a CONFLICT). */
  reload: () => Promise<EditableDeal>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<EditableDeal>(deal);
  const [value, setValue] = useState<DealFields>(deal);
  const [theirs, setTheirs] = useState<EditableDeal | null>(null);
  const ownerNames = useOwnerNames([base.ownerId, value.ownerId, theirs?.ownerId ?? ""]);
  const update = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
        onSaved();
      },
      onError: async (error) => {
        if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") setTheirs(await reload());
      },
    }),
  );
  const mine = changedKeys(base, value);
  const save = (version: number) => {
    const patch: Record<string, unknown> = {};
    for (const key of mine) {
      if (key === "closeDate") patch.closeDate = value.closeDate || null;
      else if (key === "product") patch.product = value.product || null;
      else patch[key] = value[key];
    }
    update.mutate({ dealId: deal.id, version, ...patch });
  };
  const theirChanges = theirs ? changedKeys(base, theirs) : [];
  return (
    <form
      className="space-y-4"
      aria-label="Edit deal"
      onSubmit={(event) => {
        event.preventDefault();
        save(base.version);
      }}
    >
      {theirs ? (
        <div
          role="alert"
          className="space-y-3 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="deal-conflict"
        >
          <p className="font-semibold">
            Someone else saved this deal while you were editing (now version {theirs.version}).
          </p>
          {theirChanges.length > 0 ? (
            <>
              <p>They changed:</p>
              <ul className="list-disc pl-5">
                {theirChanges.map((key) => (
                  <li key={key}>
                    {FIELD_LABELS[key]}: {describe(key, base, options, ownerNames)} →{" "}
                    <strong>{describe(key, theirs, options, ownerNames)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>None of the fields in this form changed (their change was elsewhere, e.g. the stage on the board).</p>
          )}
          {mine.length > 0 ? (
            <p>
              Your unsaved changes:{" "}
              {mine.map((key) => `${FIELD_LABELS[key]} → ${describe(key, value, options, ownerNames)}`).join("; ")}.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => {
                const next = theirs;
                setTheirs(null);
                setBase(next);
                // Keep my edits on top of their version.
                const merged = { ...next } as DealFields;
                for (const key of mine) (merged as unknown as Record<string, unknown>)[key] = value[key];
                setValue(merged);
                update.reset();
              }}
            >
              Keep my changes on their version
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setBase(theirs);
                setValue(theirs);
                setTheirs(null);
                update.reset();
              }}
            >
              Discard mine, use theirs
            </Button>
          </div>
        </div>
      ) : update.error ? (
        <Alert>{errorMessage(update.error)}</Alert>
      ) : null}
      <DealFieldset
        value={value}
        onChange={setValue}
        errors={fieldErrors(update.error)}
        options={{ ...options, chooseOwner: canReassign }}
        stageChoices={DEAL_STAGES.filter((stage) => stage !== "disqualified")}
      />
      <FormActions
        saveLabel={update.isPending ? "Saving…" : "Save changes"}
        disabled={update.isPending || theirs !== null || mine.length === 0}
        onCancel={onCancel}
      />
    </form>
  );
}

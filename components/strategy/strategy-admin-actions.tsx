"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorCode, errorMessage, pathErrors } from "@/components/trpc/errors";
import type { StrategyDetail } from "@/components/alignment/types";
import { ConfirmButton } from "@/components/confirm-button";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, Field, Input } from "@/components/ui";
import { formatPeriod } from "./status";
import { FormError } from "@/components/form-error";

/** Activate, archive, duplicate and delete — each asks first. */
export function AdminActions({
  slug,
  strategy,
  dirty,
  sum,
}: {
  slug: string;
  strategy: StrategyDetail;
  dirty: boolean;
  sum: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [duplicating, setDuplicating] = useState(false);
  const refresh = async (saved?: StrategyDetail) => {
    if (saved) queryClient.setQueryData(trpc.strategy.get.queryKey({ strategyId: saved.id }), saved);
    await queryClient.invalidateQueries({ queryKey: trpc.strategy.list.pathKey() });
  };
  const activate = useMutation(trpc.strategy.activate.mutationOptions({ onSuccess: (saved) => refresh(saved) }));
  const archive = useMutation(trpc.strategy.archive.mutationOptions({ onSuccess: (saved) => refresh(saved) }));
  const remove = useMutation(
    trpc.strategy.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        router.push(`/o/${slug}/strategy`);
      },
    }),
  );
  const failed = [activate, archive, remove].find((m) => m.error);
  const conflict = failed && errorCode(failed.error) === "CONFLICT";
  const canActivate = strategy.status === "draft" && !dirty && sum === 100 && strategy.objectives.length > 0;
  const activateHint =
    strategy.status !== "draft"
      ? null
      : dirty
        ? "Save your changes first."
        : strategy.objectives.length === 0
          ? "Add objectives first."
          : sum !== 100
            ? "The weights must add up to 100."
            : null;

  return (
    <Card title="Actions">
      <div className="flex flex-wrap items-center gap-2">
        {strategy.status === "draft" ? (
          <ConfirmButton
            label="Activate"
            title={`Activate ${strategy.name}?`}
            confirmLabel="Activate"
            disabled={!canActivate || activate.isPending}
            onConfirm={() => activate.mutate({ strategyId: strategy.id, version: strategy.version })}
          >
            From {formatPeriod(strategy.startsOn, strategy.endsOn)} this becomes the company&apos;s strategy: reps write
            their goals against its objectives and alignment is scored against its weights. Only one strategy can be
            active for a period.
          </ConfirmButton>
        ) : null}
        {strategy.status !== "archived" ? (
          <ConfirmButton
            label="Archive"
            title={`Archive ${strategy.name}?`}
            confirmLabel="Archive"
            disabled={archive.isPending}
            onConfirm={() => archive.mutate({ strategyId: strategy.id, version: strategy.version })}
          >
            An archived strategy becomes read-only: its goals and scores stay readable, but nobody can change them any
            more.
          </ConfirmButton>
        ) : null}
        <Button variant="secondary" onClick={() => setDuplicating((v) => !v)} aria-expanded={duplicating}>
          Duplicate…
        </Button>
        {strategy.status === "draft" ? (
          <ConfirmButton
            variant="ghost"
            label="Delete draft"
            title={`Delete the draft ${strategy.name}?`}
            confirmLabel="Delete"
            disabled={remove.isPending}
            onConfirm={() => remove.mutate({ strategyId: strategy.id, version: strategy.version })}
          >
            The draft and its objectives are deleted. This cannot be undone.
          </ConfirmButton>
        ) : null}
        {activateHint ? <span className="text-sm text-slate-600">{activateHint}</span> : null}
      </div>
      {failed ? (
        <div className="mt-4">
          <Alert tone={conflict ? "amber" : "red"}>
            {errorMessage(failed.error)}
            {conflict ? (
              <>
                {" "}
                <button
                  type="button"
                  className="font-medium underline"
                  onClick={() =>
                    queryClient.invalidateQueries({ queryKey: trpc.strategy.get.queryKey({ strategyId: strategy.id }) })
                  }
                >
                  Load the latest version
                </button>
              </>
            ) : null}
          </Alert>
        </div>
      ) : null}
      {duplicating ? <DuplicateForm slug={slug} strategy={strategy} onDone={() => setDuplicating(false)} /> : null}
    </Card>
  );
}

function nextPeriod(strategy: StrategyDetail): { startsOn: string; endsOn: string } {
  const start = new Date(`${strategy.endsOn}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 1);
  const length = Date.parse(`${strategy.endsOn}T00:00:00Z`) - Date.parse(`${strategy.startsOn}T00:00:00Z`);
  const end = new Date(start.getTime() + length);
  return { startsOn: start.toISOString().slice(0, 10), endsOn: end.toISOString().slice(0, 10) };
}

function DuplicateForm({ slug, strategy, onDone }: { slug: string; strategy: StrategyDetail; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [defaults] = useState(() => nextPeriod(strategy));
  const duplicate = useMutation(
    trpc.strategy.duplicate.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.strategy.list.pathKey() });
        onDone();
        router.push(`/o/${slug}/strategy/${created.id}`);
      },
    }),
  );
  const errors = pathErrors(duplicate.error);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    duplicate.mutate({
      strategyId: strategy.id,
      name: String(form.get("name") ?? ""),
      startsOn: String(form.get("startsOn") ?? ""),
      endsOn: String(form.get("endsOn") ?? ""),
    });
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="mt-4 grid gap-4 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200 md:grid-cols-[2fr_1fr_1fr_auto] md:items-start"
      aria-label="Duplicate strategy"
    >
      <p className="text-sm text-slate-600 md:col-span-4">
        A new draft with copies of these objectives, weights, owners and focus rules, for another period.
      </p>
      <Field label="Name of the copy" error={errors.name}>
        <Input name="name" defaultValue={`${strategy.name} (copy)`} aria-invalid={Boolean(errors.name)} />
      </Field>
      <Field label="Starts on" error={errors.startsOn}>
        <Input name="startsOn" type="date" defaultValue={defaults.startsOn} aria-invalid={Boolean(errors.startsOn)} />
      </Field>
      <Field label="Ends on" error={errors.endsOn}>
        <Input name="endsOn" type="date" defaultValue={defaults.endsOn} aria-invalid={Boolean(errors.endsOn)} />
      </Field>
      <Button type="submit" className="md:mt-6" disabled={duplicate.isPending}>
        {duplicate.isPending ? "Copying…" : "Create copy"}
      </Button>
      <FormError error={duplicate.error} className="md:col-span-4" />
    </form>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, EmptyState, Field, Select } from "@/components/ui";

export function StartReviewForm({
  slug,
  people,
  strategies,
  initialPersonId,
  initialStrategyId,
}: {
  slug: string;
  people: { id: string; name: string }[];
  strategies: { id: string; name: string }[];
  initialPersonId: string;
  initialStrategyId: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [subjectId, setSubjectId] = useState(initialPersonId);
  const [strategyId, setStrategyId] = useState(initialStrategyId);
  const start = useMutation(
    trpc.reviews.start.mutationOptions({ onSuccess: ({ id }) => router.push(`/o/${slug}/reviews/${id}`) }),
  );
  if (people.length === 0 || strategies.length === 0)
    return (
      <EmptyState title="Nothing to review yet">
        Reviews are for the reps of the teams you manage, against an active or archived strategy.
      </EmptyState>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ subjectId, strategyId });
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-4">
      <Field label="Rep">
        <Select value={subjectId} onChange={(e) => setSubjectId(e.target.value)} className="w-full">
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Strategy period">
        <Select value={strategyId} onChange={(e) => setStrategyId(e.target.value)} className="w-full">
          {strategies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      {start.isError ? <Alert>{errorMessage(start.error)}</Alert> : null}
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Start the review"}
      </Button>
    </form>
  );
}

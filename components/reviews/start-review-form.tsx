"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { OwnerPicker } from "@/components/deals/owner-picker";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, EmptyState, Field, Select } from "@/components/ui";

/**
 * Starts a review: the rep is searched (the people the caller sees, a page at a time — thousands of reps do not
 * fit a select), the period is picked from the organization's active and archived strategies.
 */
export function StartReviewForm({
  slug,
  callerId,
  anyoneToReview,
  strategies,
  initialPersonId,
  initialStrategyId,
}: {
  slug: string;
  callerId: string;
  anyoneToReview: boolean;
  strategies: { id: string; name: string }[];
  initialPersonId: string | null;
  initialStrategyId: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [subjectId, setSubjectId] = useState(initialPersonId);
  const [strategyId, setStrategyId] = useState(initialStrategyId);
  const [missingRep, setMissingRep] = useState(false);
  const start = useMutation(
    trpc.reviews.start.mutationOptions({ onSuccess: ({ id }) => router.push(`/o/${slug}/reviews/${id}`) }),
  );
  if (!anyoneToReview || strategies.length === 0)
    return (
      <EmptyState title="Nothing to review yet">
        Reviews are for the reps of the teams you manage, against an active or archived strategy.
      </EmptyState>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingRep(!subjectId);
    if (subjectId) start.mutate({ subjectId, strategyId });
  };
  const serverErrors = start.error ? fieldErrors(start.error) : {};
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" noValidate>
      <OwnerPicker
        label="Rep"
        value={subjectId}
        onChange={(id) => {
          setSubjectId(id);
          setMissingRep(false);
        }}
        exclude={callerId}
        error={missingRep ? "Pick the rep to review." : serverErrors.subjectId}
      />
      <Field label="Strategy period">
        <Select value={strategyId} onChange={(e) => setStrategyId(e.target.value)} className="w-full">
          {strategies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      {start.isError && !serverErrors.subjectId ? <Alert>{errorMessage(start.error)}</Alert> : null}
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Start the review"}
      </Button>
    </form>
  );
}

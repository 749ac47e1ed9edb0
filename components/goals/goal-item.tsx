"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import type { Goal, StrategyDetail } from "@/components/alignment/types";
import { ConfirmButton } from "@/components/confirm-button";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button } from "@/components/ui";
import { GoalProgress } from "./goal-progress";
import { CATEGORY_LABEL, IMPORTANCE_LABEL, STRENGTH_LABELS, VISIBILITY_LABEL } from "@/server/domain/labels";
import { GoalForm } from "./goal-form";

interface GoalItemProps {
  goal: Goal;
  strategy: StrategyDetail;
  /** Edit and delete are offered: the viewer may write and the strategy is active. */
  writable: boolean;
  /** Linked to no objective of the strategy. */
  orphan: boolean;
}

export function GoalItem({ goal, strategy, writable, orphan }: GoalItemProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(
    trpc.goals.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.goals.pathKey() }),
    }),
  );
  const titleOf = (id: string) => strategy.objectives.find((o) => o.id === id)?.title ?? "An objective";
  if (editing) {
    return (
      <li>
        <GoalForm strategy={strategy} goal={goal} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="rounded-lg p-4 ring-1 ring-slate-200" data-testid={`goal-${goal.title}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-medium text-slate-900">{goal.title}</p>
          <p className="mt-1 flex flex-wrap gap-1">
            <Badge tone="brand">{CATEGORY_LABEL[goal.category]}</Badge>
            <Badge>{IMPORTANCE_LABEL[goal.importance]}</Badge>
            <Badge tone={goal.visibility === "private" ? "amber" : "slate"}>
              Visible to: {VISIBILITY_LABEL[goal.visibility].toLowerCase()}
            </Badge>
            {orphan ? <Badge tone="red">Not linked to any objective</Badge> : null}
          </p>
        </div>
        {writable ? (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${goal.title}`}>
              Edit
            </Button>
            <ConfirmButton
              variant="ghost"
              label="Delete"
              title={`Delete “${goal.title}”?`}
              confirmLabel="Delete goal"
              onConfirm={() => remove.mutate({ goalId: goal.id })}
            >
              The goal and its links to objectives are deleted, and your alignment score is recomputed without it.
            </ConfirmButton>
          </div>
        ) : null}
      </div>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <GoalProgress goal={goal} />
        <div className="text-xs text-slate-600">
          {goal.links.length === 0 ? (
            <span>Serves no objective yet.</span>
          ) : (
            <ul className="flex flex-wrap gap-1" aria-label="Objectives it serves">
              {goal.links.map((link) => (
                <li
                  key={link.objectiveId}
                  className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-700 ring-1 ring-inset ring-brand-100"
                >
                  {titleOf(link.objectiveId)} · {STRENGTH_LABELS[link.strength]}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {remove.error ? (
        <div className="mt-3">
          <Alert>{errorMessage(remove.error)}</Alert>
        </div>
      ) : null}
    </li>
  );
}

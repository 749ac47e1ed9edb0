"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { ScoreBreakdown } from "@/components/alignment/score-breakdown";
import { formatPeriod, StatusBadge } from "@/components/strategy/status";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState } from "@/components/ui";
import { StrategyPicker, type StrategyOption } from "@/components/strategy/strategy-picker";
import { GoalForm } from "./goal-form";
import { GoalItem } from "./goal-item";
import { PipelineVsStrategy } from "./pipeline-vs-strategy";
import { SharedGoals } from "./shared-goals";

/** "My goals": the strategy picker, the rep's score with its breakdown, their goals, and teammates' shared goals. */
export function MyGoals({
  strategies,
  initialStrategyId,
  canWrite,
}: {
  strategies: StrategyOption[];
  initialStrategyId: string | null;
  canWrite: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [strategyId, setStrategyId] = useState(initialStrategyId);
  if (!strategyId) {
    return (
      <EmptyState title="No active strategy yet">
        Goals are written for a strategy period. When an admin activates the company&apos;s strategy, you can write your
        goals against its objectives here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <StrategyPicker
          strategies={strategies}
          value={strategyId}
          onChange={(id) => {
            setStrategyId(id);
            router.replace(`${pathname}?strategy=${id}`, { scroll: false });
          }}
        />
      </div>
      <GoalsForStrategy key={strategyId} strategyId={strategyId} canWrite={canWrite} />
    </div>
  );
}

function GoalsForStrategy({ strategyId, canWrite }: { strategyId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const mine = useQuery(trpc.goals.mine.queryOptions({ strategyId }));
  const [adding, setAdding] = useState(false);
  if (mine.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading your goals…
      </p>
    );
  }
  if (mine.isError) return <Alert>{errorMessage(mine.error)}</Alert>;
  const { strategy, goals, alignment } = mine.data;
  const writable = canWrite && strategy.status === "active";
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <StatusBadge status={strategy.status} />
        <span>{formatPeriod(strategy.startsOn, strategy.endsOn)}</span>
        {strategy.status === "archived" ? <span>This period is archived: its goals are read-only.</span> : null}
      </div>
      <Card title="Your alignment with the strategy">
        <ScoreBreakdown alignment={alignment} />
      </Card>
      <PipelineVsStrategy alignment={alignment} />
      <Card
        title={`Your goals (${goals.length})`}
        actions={
          writable && !adding ? (
            <Button onClick={() => setAdding(true)} aria-expanded={adding}>
              + Add a goal
            </Button>
          ) : null
        }
      >
        {adding ? (
          <div className="mb-6">
            <GoalForm strategy={strategy} onDone={() => setAdding(false)} />
          </div>
        ) : null}
        {goals.length === 0 ? (
          adding ? null : (
            <EmptyState title="No goals for this period yet">
              {writable
                ? "What do you want from this period — quota, commission, a promotion, a skill, a marquee account? Write it down and link it to the objectives it serves."
                : "Nothing was written for this period."}
            </EmptyState>
          )
        ) : (
          <ul className="space-y-3" aria-label="Your goals">
            {goals.map((goal) => (
              <GoalItem
                key={goal.id}
                goal={goal}
                strategy={strategy}
                writable={writable}
                orphan={alignment.goals.orphanGoalIds.includes(goal.id)}
              />
            ))}
          </ul>
        )}
      </Card>
      <SharedGoals strategy={strategy} />
    </>
  );
}

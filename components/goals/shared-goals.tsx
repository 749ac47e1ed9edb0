"use client";
import { useQuery } from "@tanstack/react-query";
import type { StrategyDetail } from "@/components/alignment/types";
import { useTRPC } from "@/components/trpc/provider";
import { Card } from "@/components/ui";
import { GoalSummary } from "./goal-summary";

/** Goals teammates shared with the team. */
export function SharedGoals({ strategy }: { strategy: StrategyDetail }) {
  const trpc = useTRPC();
  const shared = useQuery(trpc.goals.shared.queryOptions({ strategyId: strategy.id }));
  if (shared.isPending || shared.isError || shared.data.length === 0) return null;
  const titleOf = (id: string) => strategy.objectives.find((o) => o.id === id)?.title ?? "An objective";
  return (
    <Card title="Shared by your teammates">
      <ul className="space-y-4">
        {shared.data.map((mate) => (
          <li key={mate.userId}>
            <p className="text-sm font-medium text-slate-900">
              {mate.name} <span className="font-normal text-slate-500">· {mate.teamNames.join(", ")}</span>
            </p>
            <ul className="mt-2 grid gap-2 md:grid-cols-2">
              {mate.goals.map((g) => (
                <GoalSummary key={g.id} goal={g} objectiveTitle={titleOf} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}

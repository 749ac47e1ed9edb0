import { formatGoalValue, isMoneyGoal, plainDecimal } from "@/components/format";
import type { Goal } from "@/components/alignment/types";

/** Progress towards the target as text and a bar; money for quota goals. */
export function GoalProgress({
  goal,
}: {
  goal: Pick<Goal, "category" | "target" | "unit" | "currentValue" | "progressAutomatic">;
}) {
  const unit = goal.unit ? ` ${goal.unit}` : "";
  const show = (value: string) => formatGoalValue(value, goal);
  if (goal.target === null) {
    return (
      <p className="text-xs text-slate-500">
        No numeric target{Number(goal.currentValue) > 0 ? ` · at ${show(goal.currentValue)}` : ""}
      </p>
    );
  }
  const target = Number(goal.target);
  const ratio =
    target > 0 ? Math.min(1, Math.max(0, Number(goal.currentValue) / target)) : Number(goal.currentValue) > 0 ? 1 : 0;
  const percent = Math.round(ratio * 100);
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-xs text-slate-600">
        <span className="tabular-nums">
          {isMoneyGoal(goal)
            ? `${show(goal.currentValue)} of ${show(goal.target)}`
            : `${plainDecimal(goal.currentValue)} of ${plainDecimal(goal.target)}${unit}`}
        </span>
        <span className="tabular-nums font-medium text-slate-700">{percent}%</span>
      </div>
      <div
        className="mt-1 h-2 rounded bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={`Progress ${percent}%`}
      >
        <div className="h-2 rounded bg-emerald-500" style={{ width: `${percent}%` }} />
      </div>
      {goal.progressAutomatic ? (
        <p className="mt-1 text-xs text-slate-500">Tracked from closed-won deals in this period.</p>
      ) : null}
    </div>
  );
}

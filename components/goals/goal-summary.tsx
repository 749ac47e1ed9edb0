import type { Goal } from "@/components/alignment/types";
import { CATEGORY_LABEL, STRENGTH_LABELS } from "@/server/domain/labels";
import { GoalProgress } from "./goal-progress";

/**
 * One goal as someone else reads it (a teammate's shared goal, a rep's goal on the team view): its title, category,
 * who sees it (`visibility`, when that matters), the objectives it serves and its progress.
 */
export function GoalSummary({
  goal,
  objectiveTitle,
  visibility,
}: {
  goal: Pick<Goal, "title" | "category" | "target" | "unit" | "currentValue" | "progressAutomatic" | "links">;
  objectiveTitle: (objectiveId: string) => string;
  visibility?: string;
}) {
  const links = goal.links.map((l) => `${objectiveTitle(l.objectiveId)} (${STRENGTH_LABELS[l.strength]})`).join(", ");
  return (
    <li className="rounded-md p-3 text-sm ring-1 ring-slate-200">
      <p className="font-medium text-slate-900">{goal.title}</p>
      <p className="mt-1 text-xs text-slate-600">
        {[CATEGORY_LABEL[goal.category], visibility, links || "no objective"].filter(Boolean).join(" · ")}
      </p>
      <div className="mt-2">
        <GoalProgress goal={goal} />
      </div>
    </li>
  );
}

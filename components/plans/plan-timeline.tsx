import { EmptyState, cx } from "@/components/ui";
import type { Plan } from "./plan-view";

type Step = Plan["steps"][number];

const DAY = 86_400_000;

/** A step's state in words, so the timeline never tells it by colour alone. */
function stepState(step: Step): "done" | "overdue" | "blocked" | "open" {
  return step.status === "done" ? "done" : step.overdue ? "overdue" : step.blocked ? "blocked" : "open";
}

const BAR_TONES = {
  done: "bg-emerald-600",
  overdue: "bg-red-600",
  blocked: "bg-amber-700",
  open: "bg-brand-600",
} as const;

/**
 * A Gantt-like view: one row per dated step, its title and state in a column of their own (never cut off), and a
 * bar in the week before its due day on a shared time axis with today marked.
 */
export function Timeline({ steps }: { steps: Step[] }) {
  const dated = steps.filter((step) => step.dueOn);
  if (dated.length === 0) return <EmptyState title="No step has a due date yet" />;
  const today = new Date().toISOString().slice(0, 10);
  const days = dated.map((step) => Date.parse(step.dueOn!));
  const start = Math.min(...days, Date.parse(today)) - 7 * DAY;
  const end = Math.max(...days, Date.parse(today)) + 7 * DAY;
  const percent = (time: number) => ((time - start) / (end - start)) * 100;
  return (
    <div>
      <ul aria-label="Timeline" className="space-y-1">
        {dated.map((step) => {
          const due = Date.parse(step.dueOn!);
          const state = stepState(step);
          return (
            <li key={step.id} className="grid grid-cols-[minmax(8rem,16rem)_1fr] items-center gap-3">
              <div className="text-sm text-slate-900">
                <span className="break-words">{step.title}</span>
                <span className="block text-xs text-slate-600">
                  due {step.dueOn} · {state}
                </span>
              </div>
              <div className="relative h-6 rounded bg-slate-100">
                <div
                  aria-hidden
                  className="absolute inset-y-0 w-0.5 bg-red-600"
                  style={{ left: `${percent(Date.parse(today))}%` }}
                />
                <div
                  aria-hidden
                  className={cx("absolute top-1 h-4 rounded", BAR_TONES[state])}
                  style={{ left: `${percent(due - 7 * DAY)}%`, width: `${percent(due) - percent(due - 7 * DAY)}%` }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-slate-600">
        The red line is today; each bar is the week before the step’s due date.
      </p>
    </div>
  );
}

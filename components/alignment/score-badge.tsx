/** An alignment score (0–100) as a badge ("64 / 100") or as a number with a small bar, coloured by its band. */
import { cx } from "@/components/ui";
import { scoreTone } from "@/server/domain/labels";

/** Fill of a bar showing a score, by band. */
export const SCORE_BAR_CLASS = { green: "bg-emerald-500", amber: "bg-amber-500", red: "bg-red-500" } as const;

const BADGE_CLASS = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
} as const;

export function ScoreBadge({
  score,
  size = "md",
  label = "Alignment score",
  className,
}: {
  score: number;
  /** "bar": the number with a small bar (tables, cards); otherwise a badge of that size. */
  size?: "bar" | "sm" | "md" | "lg";
  label?: string;
  className?: string;
}) {
  const tone = scoreTone(score);
  if (size === "bar") {
    return (
      <span
        className={cx("inline-flex items-center gap-2", className)}
        role="img"
        aria-label={`${label} ${score} out of 100`}
      >
        <span className="w-7 text-right font-semibold tabular-nums">{score}</span>
        <span className="h-1.5 w-14 rounded bg-slate-100" aria-hidden>
          <span className={cx("block h-1.5 rounded", SCORE_BAR_CLASS[tone])} style={{ width: `${score}%` }} />
        </span>
      </span>
    );
  }
  return (
    <span
      className={cx(
        "inline-flex items-baseline gap-1 rounded-lg font-semibold tabular-nums ring-1 ring-inset",
        BADGE_CLASS[tone],
        size === "lg" ? "px-4 py-2 text-4xl" : size === "md" ? "px-2.5 py-1 text-lg" : "px-2 py-0.5 text-sm",
        className,
      )}
      aria-label={`${label} ${score} out of 100`}
    >
      {score}
      <span className={cx("font-normal", size === "lg" ? "text-base" : "text-xs")}>/ 100</span>
    </span>
  );
}

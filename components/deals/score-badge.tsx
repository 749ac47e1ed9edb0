import { Badge, cx } from "@/components/ui";
import { FLAG_EXPLANATIONS, flagTone, scoreTone, type DealFlag } from "@/server/domain/labels";

/** The score as a number with a small bar; accessible as "Alignment score 62 of 100". */
export function ScoreBadge({ score, className }: { score: number; className?: string }) {
  return (
    <span
      className={cx("inline-flex items-center gap-2", className)}
      role="img"
      aria-label={`Alignment score ${score} of 100`}
    >
      <span className="w-7 text-right font-semibold tabular-nums">{score}</span>
      <span className="h-1.5 w-14 rounded bg-slate-100" aria-hidden>
        <span className={cx("block h-1.5 rounded", scoreTone(score))} style={{ width: `${score}%` }} />
      </span>
    </span>
  );
}

export function FlagBadges({ flags, limit }: { flags: DealFlag[]; limit?: number }) {
  const shown = limit === undefined ? flags : flags.slice(0, limit);
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map((flag) => (
        <span key={flag} title={FLAG_EXPLANATIONS[flag].explanation}>
          <Badge tone={flagTone(flag)}>{FLAG_EXPLANATIONS[flag].title}</Badge>
        </span>
      ))}
      {limit !== undefined && flags.length > limit ? <Badge>+{flags.length - limit}</Badge> : null}
    </span>
  );
}

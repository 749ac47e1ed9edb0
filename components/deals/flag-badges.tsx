import { Badge } from "@/components/ui";
import { FLAG_EXPLANATIONS, flagTone, type DealFlag } from "@/server/domain/labels";

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

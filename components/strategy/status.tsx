import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui";

const TONE = { draft: "amber", active: "green", archived: "slate" } as const;

export function StatusBadge({ status }: { status: "draft" | "active" | "archived" }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}

/** "1 Jul 2026 – 31 Dec 2026" from two YYYY-MM-DD dates. */
export function formatPeriod(startsOn: string, endsOn: string): string {
  return `${formatDate(new Date(`${startsOn}T00:00:00Z`))} – ${formatDate(new Date(`${endsOn}T00:00:00Z`))}`;
}

"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { diff, NO_NAMES, type Json } from "@/components/audit/changes";
import { formatDateTime } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState } from "@/components/ui";
import { ROLE_LABELS, STAGE_LABELS, type BuyingRole, type DealStage } from "@/server/domain/labels";

const stage = (value: unknown) => STAGE_LABELS[value as DealStage] ?? String(value);

/** "close date: 2026-12-01 → 2026-12-20; amount: $1,000 → $2,000" (the audit log's field-by-field words). */
const changes = (before: Json, after: Json, skip: string[] = []) =>
  diff(before, after, NO_NAMES, skip)
    .map((change) => `${change.field}: ${change.before} → ${change.after}`)
    .join("; ");

/** A timeline event in words. */
export function describeEvent(action: string, before: Json, after: Json): string {
  switch (action) {
    case "deal.created":
      return `created the deal in ${stage(after?.stage)}${after?.source === "import" ? " (CSV import)" : ""}`;
    case "deal.stage_changed":
      return `moved the deal from ${stage(before?.stage)} to ${stage(after?.stage)}`;
    case "deal.reopened":
      return `reopened the deal: ${stage(before?.stage)} → ${stage(after?.stage)}`;
    case "deal.disqualified":
      return `disqualified the deal: ${String(after?.reason ?? "")}${after?.note ? ` — “${String(after.note)}”` : ""}`;
    case "deal.owner_changed":
      return `reassigned the deal from ${String(before?.ownerName ?? "someone")} to ${String(after?.ownerName ?? "someone")}`;
    case "deal.updated":
      return `changed ${changes(before, after)}`;
    case "deal.imported":
      return `updated the deal from a CSV import (${changes(before, after, ["externalId"])})`;
    case "deal.stakeholder_added":
      return `added ${String(after?.contactName)} as ${ROLE_LABELS[after?.buyingRole as BuyingRole] ?? "stakeholder"}`;
    case "deal.stakeholder_updated":
      return `updated ${String(after?.contactName)}: ${changes(before, after, ["stakeholderId", "contactName"])}`;
    case "deal.stakeholder_removed":
      return `removed ${String(before?.contactName)} from the deal`;
    default:
      return action;
  }
}

export function DealTimeline({ dealId }: { dealId: string }) {
  const trpc = useTRPC();
  const events = useInfiniteQuery(
    trpc.deals.timeline.infiniteQueryOptions({ dealId, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card title="Timeline">
      {events.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading the timeline…
        </p>
      ) : events.isError ? (
        <Alert>{errorMessage(events.error)}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing has happened yet" />
      ) : (
        <ol className="space-y-3" aria-label="Deal timeline" data-testid="deal-timeline">
          {rows.map((event) => (
            <li key={event.id} className="border-l-2 border-slate-200 pl-3 text-sm">
              <p className="text-slate-800">
                <span className="font-medium">{event.actorName ?? "Someone"}</span>{" "}
                {describeEvent(event.action, event.before as Json, event.after as Json)}
              </p>
              <p className="text-xs text-slate-500">{formatDateTime(event.at)}</p>
            </li>
          ))}
        </ol>
      )}
      {events.hasNextPage ? (
        <div className="mt-4">
          <Button variant="secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? "Loading…" : "Older events"}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { formatDateTime, formatMoney } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState } from "@/components/ui";
import { ROLE_LABELS, STAGE_LABELS, type BuyingRole, type DealStage } from "./labels";

type Json = Record<string, unknown> | null;

const FIELD_LABELS: Record<string, string> = {
  name: "name",
  amount: "amount",
  currency: "currency",
  closeDate: "close date",
  product: "product",
  customerProblem: "customer problem",
  problemFit: "problem fit",
  accountId: "account",
  objectiveIds: "objective links",
  goalIds: "goal links",
  personalWin: "personal win",
  businessGoal: "business goal",
  howWeServeIt: "how we serve it",
  buyingRole: "buying role",
  influence: "influence",
  stance: "stance",
};

const stage = (value: unknown) => STAGE_LABELS[value as DealStage] ?? String(value);
const show = (key: string, value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (key === "amount") return formatMoney(String(value));
  if (key === "buyingRole") return ROLE_LABELS[value as BuyingRole] ?? String(value);
  if (Array.isArray(value)) return `${value.length} linked`;
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

function changes(before: Json, after: Json, skip: string[] = []): string {
  const keys = Object.keys(after ?? {}).filter((key) => !skip.includes(key));
  return keys.map((key) => `${FIELD_LABELS[key] ?? key}: ${show(key, before?.[key])} → ${show(key, after?.[key])}`).join("; ");
}

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
  const events = useInfiniteQuery(trpc.deals.timeline.infiniteQueryOptions({ dealId, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }));
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
                <span className="font-medium">{event.actorName ?? "Someone"}</span> {describeEvent(event.action, event.before as Json, event.after as Json)}
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

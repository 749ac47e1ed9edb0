"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState, Select } from "@/components/ui";

const FILTERS = [
  { value: "", label: "All events" },
  { value: "member.", label: "Members" },
  { value: "invitation.", label: "Invitations" },
  { value: "team.", label: "Teams" },
  { value: "organization.", label: "Organization" },
];

function describeChange(before: unknown, after: unknown): string {
  const show = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
  const [from, to] = [show(before), show(after)];
  if (from && to) return `${from} → ${to}`;
  return from || to;
}

export function AuditLog() {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ action: action || undefined, limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card
      title="Events"
      actions={
        <Select aria-label="Filter events" value={action} onChange={(event) => setAction(event.target.value)} className="w-48">
          {FILTERS.map((filter) => (
            <option key={filter.value} value={filter.value}>
              {filter.label}
            </option>
          ))}
        </Select>
      }
    >
      {events.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading events…
        </p>
      ) : events.isError ? (
        <Alert>{errorMessage(events.error)}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState title="No events" />
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">When</th>
              <th className="py-2 pr-4 font-medium">Who</th>
              <th className="py-2 pr-4 font-medium">What</th>
              <th className="py-2 font-medium">Change</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((event) => (
              <tr key={event.id}>
                <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{formatDateTime(event.at)}</td>
                <td className="py-2 pr-4">{event.actorName ?? "—"}</td>
                <td className="py-2 pr-4 font-mono text-xs">{event.action}</td>
                <td className="max-w-md truncate py-2 font-mono text-xs text-slate-600">{describeChange(event.before, event.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.hasNextPage ? (
        <div className="mt-4 text-center">
          <Button variant="secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

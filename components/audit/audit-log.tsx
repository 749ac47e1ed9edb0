"use client";
import { skipToken, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState, Field, Input, Options, Select } from "@/components/ui";
import { describeAuditEvent, type AuditNames } from "./describe";
import {
  AUDIT_AREA_KEYS,
  AUDIT_ENTITY_TYPE_KEYS,
  areaLabel,
  entityTypeLabel,
  parseAuditFilters,
  type AuditFilters,
} from "@/server/domain/audit-filter-rules";
import { LoadMore, DataTable, HeaderCells, listFallback, type Column } from "@/components/paged-list";

/** The filter controls' values as typed ("" = no filter); checked by the rules the router's schema uses. */
type Draft = Record<keyof AuditFilters, string>;

const NO_FILTERS: Draft = { area: "", actorId: "", entityType: "", entityId: "", from: "", to: "" };
const PAGE_SIZE = 50;
const AUDIT_COLUMNS: Column[] = [{ label: "When" }, { label: "Who" }, { label: "What" }, { label: "Change" }];

function parseDraft(draft: Draft): { filters: AuditFilters | null; problems: Partial<Record<keyof Draft, string>> } {
  const present = Object.fromEntries(
    Object.entries(draft)
      .filter(([, value]) => value.trim() !== "")
      .map(([key, value]) => [key, value.trim()]),
  );
  const parsed = parseAuditFilters(present);
  return { filters: parsed.filters, problems: parsed.problems ?? {} };
}

/** Who: the organization's members (the first 100 by name; a search narrows a bigger organization). */
function ActorPicker({ value, onChange }: { value: string; onChange: (actorId: string) => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const all = useQuery(trpc.members.list.queryOptions({ limit: 100 }));
  const searching = search.trim().length > 0;
  const found = useQuery({
    ...trpc.members.list.queryOptions({ limit: 100, search: search.trim() }),
    enabled: searching,
  });
  const members = (searching ? found.data?.items : all.data?.items) ?? [];
  const selected = all.data?.items.find((m) => m.userId === value) ?? found.data?.items.find((m) => m.userId === value);
  return (
    <div className="space-y-1">
      <Select aria-label="Who" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Anyone</option>
        {value && !members.some((m) => m.userId === value) ? (
          <option value={value}>{selected?.name ?? "Selected member"}</option>
        ) : null}
        {members.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.name}
            {member.status === "deactivated" ? " (deactivated)" : ""}
          </option>
        ))}
      </Select>
      {all.data?.nextCursor || searching ? (
        <Input
          aria-label="Find a member"
          placeholder="Find a member…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          maxLength={100}
        />
      ) : null}
    </div>
  );
}

export function AuditLog() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>(NO_FILTERS);
  /** The entity's name when the filter was set from a row ("everything that happened to this deal"). */
  const [entityName, setEntityName] = useState<string | null>(null);
  const { filters, problems } = useMemo(() => parseDraft(draft), [draft]);
  const filtered = Object.values(draft).some((value) => value !== "");

  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(filters ? { ...filters, limit: PAGE_SIZE } : skipToken, {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const members = useQuery(trpc.members.list.queryOptions({ limit: 100 }));
  const teams = useQuery(trpc.teams.list.queryOptions());
  const names = useMemo<AuditNames>(() => {
    const users = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
    const teamNames = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
    return { user: (id) => users.get(id), team: (id) => teamNames.get(id) };
  }, [members.data, teams.data]);
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  const set = (patch: Partial<Draft>) => {
    if ("entityType" in patch || "entityId" in patch) setEntityName(null);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const clear = () => {
    setEntityName(null);
    setDraft(NO_FILTERS);
  };
  const showEntity = (event: (typeof rows)[number]) => {
    setDraft({ ...NO_FILTERS, entityType: event.entityType, entityId: event.entityId ?? "" });
    setEntityName(event.entityName);
  };

  return (
    <Card
      title="Events"
      actions={
        filtered ? (
          <Button variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        ) : null
      }
    >
      <form
        role="search"
        aria-label="Filter events"
        className="mb-5 grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        onSubmit={(event) => event.preventDefault()}
      >
        <Field label="Area" error={problems.area}>
          <Select value={draft.area} onChange={(event) => set({ area: event.target.value })}>
            <option value="">Everything</option>
            <Options values={AUDIT_AREA_KEYS} label={areaLabel} />
          </Select>
        </Field>
        <div className="block space-y-1">
          <span className="text-sm font-medium text-slate-700">Who</span>
          <ActorPicker value={draft.actorId} onChange={(actorId) => set({ actorId })} />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <Field label="From (UTC)" error={problems.from}>
            <Input
              type="date"
              value={draft.from}
              max={draft.to || undefined}
              onChange={(event) => set({ from: event.target.value })}
              aria-invalid={Boolean(problems.from)}
            />
          </Field>
          <Field label="To (UTC)" error={problems.to}>
            <Input
              type="date"
              value={draft.to}
              min={draft.from || undefined}
              onChange={(event) => set({ to: event.target.value })}
              aria-invalid={Boolean(problems.to)}
            />
          </Field>
        </div>
        <Field label="Entity type" error={problems.entityType}>
          <Select
            value={draft.entityType}
            onChange={(event) => set({ entityType: event.target.value })}
            aria-invalid={Boolean(problems.entityType)}
          >
            <option value="">Any</option>
            <Options values={AUDIT_ENTITY_TYPE_KEYS} label={entityTypeLabel} />
          </Select>
        </Field>
        <Field label="Entity id" error={problems.entityId} hint="Optional: one record's whole history.">
          <Input
            value={draft.entityId}
            placeholder="e.g. a deal's id"
            maxLength={64}
            spellCheck={false}
            onChange={(event) => set({ entityId: event.target.value })}
            aria-invalid={Boolean(problems.entityId)}
          />
        </Field>
      </form>

      {filters?.entityId ? (
        <p className="mb-4 text-sm text-slate-600" role="status">
          Everything that happened to {entityTypeLabel(filters.entityType ?? "").toLowerCase()}{" "}
          {entityName ? `“${entityName}”` : <span className="font-mono text-xs">{filters.entityId}</span>}.
        </p>
      ) : null}

      {!filters ? (
        <Alert tone="amber">Fix the filters above to see events.</Alert>
      ) : (
        (listFallback(events, "Loading events…") ??
        (rows.length === 0 ? (
          filtered ? (
            <EmptyState title="No events match these filters">
              <Button variant="secondary" onClick={clear} className="mt-2">
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title="No events yet">
              Changes to members, teams, strategies, deals and accounts appear here.
            </EmptyState>
          )
        ) : (
          <DataTable head={<HeaderCells columns={AUDIT_COLUMNS} />} data-testid="audit-log">
            {rows.map((event) => {
              const { summary, changes } = describeAuditEvent(event, names);
              return (
                <tr key={event.id} className="align-top" data-action={event.action}>
                  <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{formatDateTime(event.at)}</td>
                  <td className="py-2 pr-4">
                    {event.actorId && event.actorName ? (
                      <button
                        type="button"
                        className="text-left text-slate-900 hover:underline"
                        title={`Only events by ${event.actorName}`}
                        onClick={() => set({ actorId: event.actorId ?? "" })}
                      >
                        {event.actorName}
                      </button>
                    ) : (
                      (event.actorName ?? <span className="text-slate-500">System</span>)
                    )}
                  </td>
                  <td className="py-2 pr-4">
                    <p className="text-slate-900">{summary}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      <span className="font-mono">{event.action}</span>
                      {event.entityId && !(filters?.entityId === event.entityId) ? (
                        <>
                          {" · "}
                          <button
                            type="button"
                            className="text-brand-700 hover:underline"
                            onClick={() => showEntity(event)}
                          >
                            History of this {entityTypeLabel(event.entityType).toLowerCase()}
                          </button>
                        </>
                      ) : null}
                    </p>
                  </td>
                  <td className="py-2 text-slate-700">
                    {changes.length === 0 ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      <ul className="space-y-0.5">
                        {changes.map((change, index) => (
                          <li key={index} className="break-words">
                            <span className="text-slate-500">{change.field}:</span> {change.before} → {change.after}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )))
      )}
      {filters ? <LoadMore query={events} /> : null}
    </Card>
  );
}

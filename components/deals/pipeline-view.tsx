"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatMoney } from "@/components/format";
import { useTRPC } from "@/components/trpc/provider";
import { Badge, Card, EmptyState } from "@/components/ui";
import { hasFilters, type DealSearch, type SortBy } from "./deal-search";
import { STAGE_LABELS, stageTone } from "@/server/domain/labels";
import { PipelineFilters, useDealSearch } from "./pipeline-filters";
import { PipelineTotals } from "./pipeline-totals";
import { ScoreBadge } from "@/components/alignment/score-badge";
import { RecomputingMark } from "@/components/alignment/recomputing";
import { FlagBadges } from "./flag-badges";
import { LoadMore, DataTable, listFallback } from "@/components/paged-list";

const COLUMNS: { label: string; sort?: SortBy; className?: string }[] = [
  { label: "Deal", sort: "name" },
  { label: "Stage" },
  { label: "Amount", sort: "amount", className: "text-right" },
  { label: "Close date", sort: "closeDate" },
  { label: "Owner" },
  { label: "Score", sort: "score" },
  { label: "Flags" },
];

function DealTable({ search, onSort, slug }: { search: DealSearch; onSort: (by: SortBy) => void; slug: string }) {
  const trpc = useTRPC();
  const deals = useInfiniteQuery(
    trpc.deals.list.infiniteQueryOptions(
      { filters: search.filters, sort: search.sort, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = deals.data?.pages.flatMap((page) => page.items) ?? [];
  const fallback = listFallback(deals, "Loading deals…");
  if (fallback) return fallback;
  if (rows.length === 0) {
    return (
      <EmptyState title={hasFilters(search) ? "No deal matches these filters" : "No deals yet"}>
        {hasFilters(search)
          ? "Clear or change the filters to see more."
          : "Create a deal or import your pipeline from a CSV file."}
      </EmptyState>
    );
  }
  return (
    <>
      <DataTable
        head={COLUMNS.map((column) => {
          const active = column.sort === search.sort.by;
          return (
            <th
              key={column.label}
              className={`py-2 pr-4 font-medium ${column.className ?? ""}`}
              aria-sort={active ? (search.sort.dir === "asc" ? "ascending" : "descending") : undefined}
            >
              {column.sort ? (
                <button
                  type="button"
                  className="inline-flex items-center gap-1 whitespace-nowrap uppercase hover:text-slate-800"
                  onClick={() => onSort(column.sort!)}
                >
                  {column.label}
                  <span aria-hidden>{active ? (search.sort.dir === "asc" ? "↑" : "↓") : "↕"}</span>
                </button>
              ) : (
                column.label
              )}
            </th>
          );
        })}
      >
        {rows.map((deal) => (
          <tr key={deal.id} data-testid={`deal-row-${deal.id}`}>
            <td className="max-w-xs py-2 pr-4">
              <Link href={`/o/${slug}/deals/${deal.id}`} className="font-medium text-brand-700 hover:underline">
                {deal.name}
              </Link>
              <p className="truncate text-xs text-slate-500">{deal.accountName}</p>
            </td>
            <td className="py-2 pr-4">
              <Badge tone={stageTone(deal.stage)}>{STAGE_LABELS[deal.stage]}</Badge>
            </td>
            <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">
              {formatMoney(deal.amount, deal.currency)}
            </td>
            <td className="whitespace-nowrap py-2 pr-4 tabular-nums text-slate-700">{deal.closeDate ?? "—"}</td>
            <td className="whitespace-nowrap py-2 pr-4 text-slate-700">{deal.ownerName}</td>
            <td className="py-2 pr-4">
              <ScoreBadge score={deal.score} size="bar" />
              <RecomputingMark recomputing={deal.recomputing} />
            </td>
            <td className="py-2">
              <FlagBadges flags={deal.flags} limit={2} />
            </td>
          </tr>
        ))}
      </DataTable>
      <LoadMore query={deals} />
    </>
  );
}

export function PipelineView({ slug, showOwner }: { slug: string; showOwner: boolean }) {
  const [search, setSearch] = useDealSearch();
  const onSort = (by: SortBy) =>
    setSearch({
      ...search,
      sort: {
        by,
        dir:
          search.sort.by === by
            ? search.sort.dir === "asc"
              ? "desc"
              : "asc"
            : by === "score" || by === "amount"
              ? "desc"
              : "asc",
      },
    });
  return (
    <div className="space-y-4">
      <Card>
        <PipelineFilters search={search} onChange={setSearch} showOwner={showOwner} />
      </Card>
      <PipelineTotals search={search} />
      <Card>
        <DealTable search={search} onSort={onSort} slug={slug} />
      </Card>
    </div>
  );
}

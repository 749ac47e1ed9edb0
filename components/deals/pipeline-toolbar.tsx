"use client";
import Link from "next/link";
import { dealSearchParams } from "./deal-search";
import { useDealSearch } from "./pipeline-filters";

/** Above the pipeline's list and board: the view switch, CSV export of the current filters, import and new deal. */
export function PipelineToolbar({
  slug,
  orgId,
  view,
  canWrite,
  canImport,
}: {
  slug: string;
  orgId: string;
  view: "list" | "board";
  canWrite: boolean;
  canImport: boolean;
}) {
  const [search] = useDealSearch();
  const query = dealSearchParams(search);
  const suffix = query.toString() ? `?${query}` : "";
  const exportParams = new URLSearchParams(query);
  exportParams.set("org", orgId);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <nav aria-label="Pipeline views" className="inline-flex rounded-md ring-1 ring-slate-300">
        <Link
          href={`/o/${slug}/deals${suffix}`}
          aria-current={view === "list" ? "page" : undefined}
          className={`rounded-l-md px-3 py-2 text-sm font-medium ${view === "list" ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          List
        </Link>
        <Link
          href={`/o/${slug}/deals/board${suffix}`}
          aria-current={view === "board" ? "page" : undefined}
          className={`rounded-r-md px-3 py-2 text-sm font-medium ${view === "board" ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          Board
        </Link>
      </nav>
      <a
        href={`/api/deals/export?${exportParams}`}
        className="rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
        download
      >
        Export CSV
      </a>
      {canImport ? (
        <Link
          href={`/o/${slug}/deals/import`}
          className="rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Import CSV
        </Link>
      ) : null}
      {canWrite ? (
        <Link
          href={`/o/${slug}/deals/new`}
          className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
        >
          New deal
        </Link>
      ) : null}
    </div>
  );
}

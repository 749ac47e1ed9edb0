"use client";
import { useDeferredValue, useState, type ReactNode, type TableHTMLAttributes } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { Alert, Button, cx, Input } from "@/components/ui";

/** What LoadMore needs of a keyset-paged list (a useInfiniteQuery result). */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Load more" under a keyset-paged list, while the server says there is a next page. */
export function LoadMore({ query }: { query: PagedQuery }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="mt-4 text-center">
      <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}

/** The search box of a list's card header; `label` is read out by screen readers only. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="w-64">
      <span className="sr-only">{label}</span>
      <Input
        className="w-full"
        type="search"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

/** A search as typed, and the trimmed text to query with (deferred, so typing stays responsive). */
export function useSearch() {
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  return { search, setSearch, query };
}

/** A column of a list page's table: its name, right-aligned for figures, or read out by screen readers only. */
export interface Column {
  label: string;
  align?: "right";
  srOnly?: boolean;
}

/** The header cells of plain (not sortable) columns; every column but the last keeps a gap to the next one. */
export function HeaderCells({ columns }: { columns: readonly Column[] }) {
  return columns.map((column, index) => (
    <th
      key={column.label}
      className={cx("py-2 font-medium", index < columns.length - 1 && "pr-4", column.align === "right" && "text-right")}
    >
      {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
    </th>
  ));
}

/**
 * The table of a list page (accounts, members, deals, strategies, the audit log): scrolls sideways on a narrow
 * screen; `head` is the header row's cells (`HeaderCells`, or the page's own sortable ones), `children` the rows.
 */
export function DataTable({
  head,
  children,
  ...table
}: { head: ReactNode; children: ReactNode } & TableHTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" {...table}>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** While a list's query loads, its status line (`loading`); after it failed, its error; else null: the list shows. */
export function listFallback(
  query: { isPending: boolean; isError: boolean; error: unknown },
  loading: string,
): ReactNode | null {
  if (query.isPending)
    return (
      <p className="text-sm text-slate-500" role="status">
        {loading}
      </p>
    );
  return query.isError ? <Alert>{errorMessage(query.error)}</Alert> : null;
}

/**
 * A keyset-paged list's body (accounts, members): its status while loading or failed, `empty` when it has no row,
 * else the table of `children` (one `<tr>` a row) under `columns`; then "Load more".
 */
export function PagedTable({
  query,
  loading,
  columns,
  empty,
  children,
}: {
  query: PagedQuery & { isPending: boolean; isError: boolean; error: unknown };
  loading: string;
  columns: readonly Column[];
  empty: ReactNode;
  children: readonly ReactNode[];
}) {
  return (
    <>
      {listFallback(query, loading) ??
        (children.length === 0 ? empty : <DataTable head={<HeaderCells columns={columns} />}>{children}</DataTable>)}
      <LoadMore query={query} />
    </>
  );
}

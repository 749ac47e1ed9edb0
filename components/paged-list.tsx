"use client";
import { useDeferredValue, useState } from "react";
import { Button, Input } from "@/components/ui";

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

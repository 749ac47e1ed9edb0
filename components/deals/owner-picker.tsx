"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Combobox } from "@/components/combobox";
import { useTRPC } from "@/components/trpc/provider";

/** The names of some owners (those chosen, or compared in a conflict), from deals.owners. */
export function useOwnerNames(ids: string[]): Map<string, string> {
  const trpc = useTRPC();
  const unique = [...new Set(ids.filter(Boolean))].sort();
  const names = useQuery({
    ...trpc.deals.owners.queryOptions({ ids: unique, limit: 50 }),
    enabled: unique.length > 0,
  });
  return new Map((names.data?.items ?? []).map((owner) => [owner.id, owner.name]));
}

/** A deal owner chosen by searching the people the caller sees (deals.owners), a page at a time. */
export function OwnerPicker({
  label = "Owner",
  value,
  onChange,
  clearLabel,
  exclude,
  error,
}: {
  label?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  /** A first choice that clears the owner (a filter's "Anyone"); without it an owner must be chosen. */
  clearLabel?: string;
  /** One person never offered (e.g. the caller, who cannot review themselves). */
  exclude?: string;
  error?: string;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const owners = useInfiniteQuery(
    trpc.deals.owners.infiniteQueryOptions(
      { search: deferred || undefined, limit: 25 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const name = useOwnerNames(value ? [value] : []).get(value ?? "");
  const items = (owners.data?.pages ?? []).flatMap((page) =>
    page.items
      .filter((owner) => owner.id !== exclude)
      .map((owner) => ({ id: owner.id, label: owner.name, detail: owner.email })),
  );
  return (
    <Combobox
      label={label}
      selected={value ? { id: value, label: name ?? "…" } : null}
      onSelect={(id) => onChange(id)}
      search={search}
      onSearch={setSearch}
      items={items}
      status={owners.isPending || owners.isFetchingNextPage ? "loading" : owners.isError ? "error" : "ready"}
      hasMore={owners.hasNextPage}
      onLoadMore={() => {
        if (!owners.isFetchingNextPage) void owners.fetchNextPage();
      }}
      clearLabel={clearLabel}
      emptyText="No one matches"
      error={error}
    />
  );
}

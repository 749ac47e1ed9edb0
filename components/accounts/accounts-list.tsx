"use client";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Card, EmptyState } from "@/components/ui";
import { PagedTable, SearchField, useSearch, type Column } from "@/components/paged-list";
import { AccountFieldset, accountInput, type AccountFields } from "./account-fieldset";

const ACCOUNT_COLUMNS: Column[] = [
  { label: "Account" },
  { label: "Industry" },
  { label: "Segment" },
  { label: "Region" },
  { label: "Owner" },
  { label: "Open deals", align: "right" },
];

const EMPTY: AccountFields = { name: "", domain: "", industry: "", segment: "", region: "" };

function NewAccount({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(EMPTY);
  const create = useMutation(
    trpc.accounts.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/o/${slug}/accounts/${id}`) }),
  );
  return (
    <form
      className="space-y-3"
      aria-label="New account"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ ...accountInput(value), name: value.name });
      }}
    >
      {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <AccountFieldset value={value} onChange={setValue} errors={fieldErrors(create.error)} />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}

export function AccountsList({ slug, canWrite }: { slug: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const { search, setSearch, query: deferred } = useSearch();
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const accounts = useInfiniteQuery(
    trpc.accounts.list.infiniteQueryOptions(
      { search: deferred || undefined, mine, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = accounts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="space-y-6">
      {canWrite ? (
        creating ? (
          <Card
            title="New account"
            actions={
              <Button variant="ghost" onClick={() => setCreating(false)}>
                Cancel
              </Button>
            }
          >
            <NewAccount slug={slug} />
          </Card>
        ) : (
          <div>
            <Button onClick={() => setCreating(true)}>New account</Button>
          </div>
        )
      ) : null}
      <Card
        title="Accounts"
        actions={
          <div className="flex items-center gap-3">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={mine} onChange={(event) => setMine(event.target.checked)} /> Only mine
            </label>
            <SearchField
              label="Search accounts"
              placeholder="Search name or domain"
              value={search}
              onChange={setSearch}
            />
          </div>
        }
      >
        <PagedTable
          query={accounts}
          loading="Loading accounts…"
          columns={ACCOUNT_COLUMNS}
          empty={
            <EmptyState title={deferred || mine ? "No account matches" : "No accounts yet"}>
              {canWrite ? "Create one, or import them from a CSV file." : null}
            </EmptyState>
          }
        >
          {rows.map((account) => (
            <tr key={account.id}>
              <td className="py-2 pr-4">
                <Link href={`/o/${slug}/accounts/${account.id}`} className="font-medium text-brand-700 hover:underline">
                  {account.name}
                </Link>
                <p className="text-xs text-slate-500">{account.domain ?? ""}</p>
              </td>
              <td className="py-2 pr-4 text-slate-700">{account.industry ?? "—"}</td>
              <td className="py-2 pr-4 text-slate-700">{account.segment ?? "—"}</td>
              <td className="py-2 pr-4 text-slate-700">{account.region ?? "—"}</td>
              <td className="py-2 pr-4 text-slate-700">{account.ownerName ?? "—"}</td>
              <td className="py-2 text-right tabular-nums">{account.openDeals}</td>
            </tr>
          ))}
        </PagedTable>
      </Card>
    </div>
  );
}

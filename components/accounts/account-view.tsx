"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import { ScoreBadge } from "@/components/alignment/score-badge";
import { FlagBadges } from "@/components/deals/flag-badges";
import { STAGE_LABELS, stageTone } from "@/server/domain/labels";
import { formatMoney } from "@/components/format";
import { useTRPC } from "@/components/trpc/provider";
import { Badge, Button, Card, EmptyState } from "@/components/ui";
import type { AppRouter } from "@/server/trpc/root";
import { AccountPlans } from "@/components/plans/account-plans";
import { ContactForm } from "./contact-form";
import { EditAccountForm } from "./edit-account-form";

type Account = inferRouterOutputs<AppRouter>["accounts"]["get"];

export function AccountView({
  slug,
  initial,
  canWriteDeals,
}: {
  slug: string;
  initial: Account;
  canWriteDeals: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.accounts.get.queryOptions({ accountId: initial.id }), initialData: initial });
  const account = query.data;
  const [editing, setEditing] = useState(false);
  const [contactForm, setContactForm] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.accounts.pathKey() });
  const byId = new Map(account.contacts.map((c) => [c.id, c]));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{account.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {[account.domain, account.industry, account.segment, account.region].filter(Boolean).join(" · ") ||
              "No details yet"}{" "}
            · owner {account.ownerName ?? "nobody"}
          </p>
        </div>
        <div className="flex gap-2">
          {canWriteDeals ? (
            <Link
              href={`/o/${slug}/deals/new?account=${account.id}`}
              className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              New deal
            </Link>
          ) : null}
          {account.canEdit && !editing ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit account
            </Button>
          ) : null}
        </div>
      </div>

      {editing ? (
        <Card title="Edit account">
          <EditAccountForm
            account={account}
            onDone={() => {
              setEditing(false);
              void refresh();
            }}
          />
        </Card>
      ) : null}

      <AccountPlans slug={slug} accountId={account.id} accountName={account.name} />

      <Card
        title="Contacts"
        actions={
          account.canWriteContacts && contactForm === null ? (
            <Button variant="secondary" onClick={() => setContactForm("new")}>
              Add contact
            </Button>
          ) : null
        }
      >
        {contactForm === "new" ? (
          <div className="mb-4">
            <ContactForm
              accountId={account.id}
              contacts={account.contacts}
              onDone={() => {
                setContactForm(null);
                void refresh();
              }}
            />
          </div>
        ) : null}
        {account.contacts.length === 0 ? (
          <EmptyState title="No contacts yet">
            Add the people you talk to; they can then be stakeholders on deals.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {account.contacts.map((contact) => (
              <li key={contact.id} className="py-2 text-sm">
                {contactForm === contact.id ? (
                  <ContactForm
                    accountId={account.id}
                    contact={contact}
                    contacts={account.contacts}
                    onDone={() => {
                      setContactForm(null);
                      void refresh();
                    }}
                  />
                ) : (
                  <div className="flex items-center justify-between gap-3">
                    <div>
                      <p className="font-medium text-slate-900">
                        {contact.name} <span className="font-normal text-slate-500">{contact.title ?? ""}</span>
                      </p>
                      <p className="text-xs text-slate-500">
                        {contact.email ?? "no email"}
                        {contact.reportsToId ? ` · reports to ${byId.get(contact.reportsToId)?.name ?? "someone"}` : ""}
                      </p>
                    </div>
                    {account.canWriteContacts ? (
                      <Button
                        variant="ghost"
                        onClick={() => setContactForm(contact.id)}
                        aria-label={`Edit ${contact.name}`}
                      >
                        Edit
                      </Button>
                    ) : null}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Deals">
        {account.deals.length === 0 ? (
          <EmptyState title="No deals you can see on this account" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {account.deals.map((deal) => (
              <li key={deal.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <div>
                  <Link href={`/o/${slug}/deals/${deal.id}`} className="font-medium text-brand-700 hover:underline">
                    {deal.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {deal.ownerName}
                    {deal.closeDate ? ` · closes ${deal.closeDate}` : ""}
                  </p>
                </div>
                <div className="grid grid-cols-[7rem_7rem_7rem] items-center gap-3 lg:grid-cols-[7rem_7rem_7rem_18rem]">
                  <span>
                    <Badge tone={stageTone(deal.stage)}>{STAGE_LABELS[deal.stage]}</Badge>
                  </span>
                  <span className="text-right tabular-nums">{formatMoney(deal.amount, deal.currency)}</span>
                  <ScoreBadge score={deal.score} size="bar" />
                  <span className="hidden lg:block">
                    <FlagBadges flags={deal.flags} limit={2} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { formatDateTime } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { DataTable, HeaderCells, listFallback, type Column } from "@/components/paged-list";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, Field, Input, Options, Select } from "@/components/ui";
import { PLAN_ACCESS_LEVELS } from "@/server/domain/plans";
import { ACCESS_LABELS, describePlanAction } from "./labels";
import type { Members, Plan, PlanTabProps } from "./plan-view";

const LINK_COLUMNS: Column[] = [
  { label: "For" },
  { label: "State" },
  { label: "Opened" },
  { label: "Last opened" },
  { label: "Expires" },
  { label: "Actions", srOnly: true },
];

function Collaborators({ plan, members, refresh }: { plan: Plan; members: Members; refresh: () => void }) {
  const trpc = useTRPC();
  const canManage = plan.actions.includes("manageCollaborators") && plan.status !== "archived";
  const [userId, setUserId] = useState("");
  const [access, setAccess] = useState<(typeof PLAN_ACCESS_LEVELS)[number]>("editor");
  const set = useMutation(trpc.plans.setCollaborator.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.plans.removeCollaborator.mutationOptions({ onSuccess: refresh }));
  const error = set.error ?? remove.error;
  const present = new Set(plan.collaborators.map((c) => c.userId));
  return (
    <Card title="Collaborators">
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Collaborators">
        {plan.collaborators.map((c) => (
          <li key={c.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="font-medium">{c.name}</span>
            {canManage ? (
              <span className="flex items-center gap-2">
                <Select
                  aria-label={`Access of ${c.name}`}
                  value={c.access}
                  onChange={(e) =>
                    set.mutate({ planId: plan.id, userId: c.userId, access: e.target.value as typeof access })
                  }
                >
                  <Options values={PLAN_ACCESS_LEVELS} label={(a) => ACCESS_LABELS[a]} />
                </Select>
                <ConfirmButton
                  variant="ghost"
                  label="Remove"
                  title={`Remove ${c.name} from the plan?`}
                  confirmLabel="Remove"
                  onConfirm={() => remove.mutate({ planId: plan.id, userId: c.userId })}
                >
                  They lose access unless they manage the account’s team.
                </ConfirmButton>
              </span>
            ) : (
              <Badge>{ACCESS_LABELS[c.access]}</Badge>
            )}
          </li>
        ))}
      </ul>
      {canManage ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-2"
          aria-label="Add collaborator"
          onSubmit={(event) => {
            event.preventDefault();
            if (userId) set.mutate({ planId: plan.id, userId, access }, { onSuccess: () => setUserId("") });
          }}
        >
          <Field label="Member (any team)">
            <Select required value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose…</option>
              <Options
                values={members.filter((m) => !present.has(m.userId))}
                id={(m) => m.userId}
                label={(m) => m.name}
              />
            </Select>
          </Field>
          <Field label="Access">
            <Select value={access} onChange={(e) => setAccess(e.target.value as typeof access)}>
              <Options values={PLAN_ACCESS_LEVELS} label={(a) => ACCESS_LABELS[a]} />
            </Select>
          </Field>
          <Button type="submit" disabled={set.isPending}>
            Add
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

export function PlanSharing({ plan, refresh, members }: PlanTabProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const engagement = useQuery(trpc.planSharing.engagement.queryOptions({ planId: plan.id }));
  const reload = () => queryClient.invalidateQueries({ queryKey: trpc.planSharing.pathKey() });
  const [customerName, setCustomerName] = useState("");
  const [days, setDays] = useState(30);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.planSharing.create.mutationOptions({
      onSuccess: (link) => {
        setCreated(`${window.location.origin}${link.path}`);
        setCustomerName("");
        void reload();
      },
    }),
  );
  const revoke = useMutation(trpc.planSharing.revoke.mutationOptions({ onSuccess: () => void reload() }));
  const archive = useMutation(trpc.plans.archive.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="space-y-6">
      <Card title="Customer view (share links)">
        {engagement.isSuccess ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">
              The customer sees the objectives, the problems ↔ solutions marked customer-visible and the visible steps —
              never stakeholders, stances, personal wins, internal comments or amounts. They can mark their own steps
              done and comment.
            </p>
            {engagement.data.canShare ? (
              <form
                aria-label="New share link"
                className="flex flex-wrap items-end gap-2"
                onSubmit={(event) => {
                  event.preventDefault();
                  create.mutate({ planId: plan.id, customerName: customerName || null, expiresInDays: days });
                }}
              >
                <Field label="For (optional)">
                  <Input value={customerName} onChange={(e) => setCustomerName(e.target.value)} />
                </Field>
                <Field label="Expires after (days)">
                  <Input
                    type="number"
                    min={1}
                    max={180}
                    value={days}
                    onChange={(e) => setDays(Number(e.target.value))}
                  />
                </Field>
                <Button type="submit" disabled={create.isPending}>
                  Create share link
                </Button>
              </form>
            ) : null}
            {create.error ? <Alert>{errorMessage(create.error)}</Alert> : null}
            {created ? (
              <Alert tone="green">
                Share link created. Copy it now — it is shown only once:{" "}
                <input
                  readOnly
                  aria-label="Share link"
                  value={created}
                  onFocus={(e) => e.target.select()}
                  className="mt-1 block w-full rounded bg-white px-2 py-1 font-mono text-xs text-slate-900"
                />
              </Alert>
            ) : null}
            {revoke.error ? <Alert>{errorMessage(revoke.error)}</Alert> : null}
            <DataTable aria-label="Share links" data-testid="share-links" head={<HeaderCells columns={LINK_COLUMNS} />}>
              {engagement.data.links.map((link) => (
                <tr key={link.id}>
                  <td className="py-2">{link.customerName ?? "—"}</td>
                  <td>
                    {link.active ? (
                      <Badge tone="green">Active</Badge>
                    ) : (
                      <Badge>{link.revokedAt ? "Revoked" : "Expired"}</Badge>
                    )}
                  </td>
                  <td>
                    {link.openCount} time{link.openCount === 1 ? "" : "s"}
                  </td>
                  <td>{link.lastOpenedAt ? formatDateTime(link.lastOpenedAt) : "never"}</td>
                  <td>{formatDateTime(link.expiresAt)}</td>
                  <td>
                    {link.active && engagement.data.canShare ? (
                      <ConfirmButton
                        variant="ghost"
                        label="Revoke"
                        title="Revoke this share link?"
                        confirmLabel="Revoke link"
                        onConfirm={() => revoke.mutate({ planId: plan.id, linkId: link.id })}
                      >
                        The customer can no longer open the plan with it.
                      </ConfirmButton>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            <div>
              <h3 className="text-sm font-semibold text-slate-800">What the customer did</h3>
              {engagement.data.customerActions.length === 0 ? (
                <p className="text-sm text-slate-500">Nothing yet.</p>
              ) : (
                <ul className="mt-1 space-y-1 text-sm" aria-label="Customer actions">
                  {engagement.data.customerActions.map((event) => {
                    const after = (event.after ?? {}) as { title?: string; customerName?: string | null };
                    return (
                      <li key={event.id}>
                        {after.customerName ?? "The customer"} {describePlanAction(event.action)}
                        {after.title ? `: “${after.title}”` : ""} · {formatDateTime(event.at)}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          </div>
        ) : (
          listFallback(engagement, "Loading links…")
        )}
      </Card>
      <Collaborators plan={plan} members={members} refresh={refresh} />
      {plan.actions.includes("archive") && plan.status !== "archived" ? (
        <Card title="Archive">
          {archive.error ? <Alert>{errorMessage(archive.error)}</Alert> : null}
          <ConfirmButton
            variant="danger"
            label="Archive this plan"
            title="Archive this plan?"
            confirmLabel="Archive plan"
            onConfirm={() => archive.mutate({ planId: plan.id })}
          >
            An archived plan can no longer change, and its share links stop working.
          </ConfirmButton>
        </Card>
      ) : null}
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { formatDate } from "@/components/format";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, Field, Input, Options, Select } from "@/components/ui";
import { ROLES, type Role } from "@/server/authz/permissions";
import { TeamOptions } from "@/components/teams/team-options";
import { FormError } from "@/components/form-error";

const STATUS_TONE = { pending: "amber", accepted: "green", revoked: "slate", expired: "slate" } as const;

export function InvitationsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const invitations = useQuery(trpc.invitations.list.queryOptions({ limit: 10 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.pathKey() });
  const create = useMutation(trpc.invitations.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  const [link, setLink] = useState<{ url: string; email: string; emailed: boolean } | null>(null);
  const [copied, setCopied] = useState(false);
  const errors = fieldErrors(create.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get("email") ?? "");
    const created = await create
      .mutateAsync({ email, role: String(form.get("role")) as Role, teamId: String(form.get("teamId") ?? "") || null })
      .catch(() => null);
    if (!created) return;
    setCopied(false);
    setLink({ url: new URL(created.path, window.location.origin).toString(), email, emailed: created.emailed });
    formElement.reset();
  }

  return (
    <Card title="Invite people">
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-[2fr_1fr_1.5fr_auto] md:items-end" noValidate>
        <Field label="Email" error={errors.email}>
          <Input
            name="email"
            type="email"
            required
            placeholder="name@company.com"
            aria-invalid={Boolean(errors.email)}
          />
        </Field>
        <Field label="Role" error={errors.role}>
          <Select name="role" defaultValue="rep">
            <Options values={ROLES} />
          </Select>
        </Field>
        <Field label="Team" error={errors.teamId}>
          <Select name="teamId" defaultValue="">
            <option value="">No team</option>
            <TeamOptions teams={teams.data} />
          </Select>
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Inviting…" : "Create invitation"}
        </Button>
      </form>
      <FormError error={create.error} className="mt-4" />
      {link ? (
        <div className="mt-4 rounded-md bg-brand-50 p-4 text-sm ring-1 ring-brand-100" role="status">
          <p className="font-medium text-slate-900">
            Invitation for {link.email} created{link.emailed ? " and emailed" : ""}. Share this link — it works once and
            expires in 7 days:
          </p>
          <div className="mt-2 flex gap-2">
            <Input
              className="flex-1"
              readOnly
              value={link.url}
              aria-label="Invitation link"
              data-testid="invitation-link"
              onFocus={(event) => event.target.select()}
            />
            <Button
              variant="secondary"
              onClick={() =>
                navigator.clipboard.writeText(link.url).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      ) : null}
      <h3 className="mt-6 text-xs font-semibold uppercase tracking-wide text-slate-500">Recent invitations</h3>
      {revoke.error ? (
        <div className="mt-2">
          <Alert>{errorMessage(revoke.error)}</Alert>
        </div>
      ) : null}
      {invitations.isPending ? (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      ) : invitations.data?.items.length ? (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {invitations.data.items.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-medium text-slate-900">{invitation.email}</span>{" "}
                <span className="text-slate-500">
                  as {invitation.role}
                  {invitation.teamName ? ` in ${invitation.teamName}` : ""} · by {invitation.invitedByName} · expires{" "}
                  {formatDate(invitation.expiresAt)}
                </span>
              </span>
              <span className="flex items-center gap-2">
                <Badge tone={STATUS_TONE[invitation.status]}>{invitation.status}</Badge>
                {invitation.status === "pending" ? (
                  <ConfirmButton
                    variant="ghost"
                    label="Revoke"
                    title={`Revoke the invitation for ${invitation.email}?`}
                    confirmLabel="Revoke"
                    onConfirm={() => revoke.mutate({ invitationId: invitation.id })}
                  >
                    The link stops working at once.
                  </ConfirmButton>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No invitations yet.</p>
      )}
    </Card>
  );
}

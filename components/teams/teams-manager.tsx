"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input, Select } from "@/components/ui";
import { TeamOptions } from "@/components/teams/team-options";
import { FormError } from "@/components/form-error";

type Team = {
  id: string;
  name: string;
  parentTeamId: string | null;
  depth: number;
  memberCount: number;
  managers: { userId: string; name: string }[];
};

export function TeamsManager({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const members = useQuery({ ...trpc.members.list.queryOptions({ status: "active", limit: 100 }), enabled: canManage });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.teams.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.members.list.pathKey() }),
    ]);
  const create = useMutation(trpc.teams.create.mutationOptions({ onSuccess: refresh }));
  const rename = useMutation(trpc.teams.rename.mutationOptions({ onSuccess: refresh }));
  const move = useMutation(trpc.teams.move.mutationOptions({ onSuccess: refresh }));
  const setManager = useMutation(trpc.teams.setManager.mutationOptions({ onSuccess: refresh }));
  const failed = [rename, move, setManager].find((mutation) => mutation.error);
  const createErrors = fieldErrors(create.error);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const created = await create
      .mutateAsync({
        name: String(form.get("name") ?? ""),
        parentTeamId: String(form.get("parentTeamId") ?? "") || null,
      })
      .catch(() => null);
    if (created) formElement.reset();
  }

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card title="New team">
          <form onSubmit={onCreate} className="grid gap-4 md:grid-cols-[2fr_2fr_auto] md:items-end" noValidate>
            <Field label="Name" error={createErrors.name}>
              <Input name="name" required aria-invalid={Boolean(createErrors.name)} />
            </Field>
            <Field label="Parent team" error={createErrors.parentTeamId}>
              <Select name="parentTeamId" defaultValue="">
                <option value="">None (top level)</option>
                <TeamOptions teams={teams.data} />
              </Select>
            </Field>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create team"}
            </Button>
          </form>
          <FormError error={create.error} className="mt-4" />
        </Card>
      ) : null}
      <Card title="Team tree">
        {failed ? (
          <div className="mb-4">
            <Alert>{errorMessage(failed.error)}</Alert>
          </div>
        ) : null}
        {teams.isPending ? (
          <p className="text-sm text-slate-500" role="status">
            Loading teams…
          </p>
        ) : teams.isError ? (
          <Alert>{errorMessage(teams.error)}</Alert>
        ) : teams.data.length === 0 ? (
          <EmptyState title="No teams yet">
            {canManage ? "Create the first team above." : "An admin has not set up teams yet."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Teams">
            {teams.data.map((team) => (
              <TeamRow
                key={team.id}
                team={team}
                allTeams={teams.data}
                canManage={canManage}
                members={members.data?.items ?? []}
                onRename={(name) => rename.mutate({ teamId: team.id, name })}
                onMove={(parentTeamId) => move.mutate({ teamId: team.id, parentTeamId })}
                onSetManager={(userId, isManager) => setManager.mutate({ teamId: team.id, userId, isManager })}
              />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function TeamRow({
  team,
  allTeams,
  canManage,
  members,
  onRename,
  onMove,
  onSetManager,
}: {
  team: Team;
  allTeams: Team[];
  canManage: boolean;
  members: { userId: string; name: string }[];
  onRename: (name: string) => void;
  onMove: (parentTeamId: string | null) => void;
  onSetManager: (userId: string, isManager: boolean) => void;
}) {
  const [editing, setEditing] = useState(false);
  const managerIds = new Set(team.managers.map((manager) => manager.userId));
  return (
    <li className="py-3" style={{ paddingLeft: `${team.depth * 1.5}rem` }} data-testid={`team-${team.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          {editing ? (
            <form
              className="flex gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
                if (name && name !== team.name) onRename(name);
                setEditing(false);
              }}
            >
              <Input
                name="name"
                defaultValue={team.name}
                aria-label="Team name"
                autoFocus
                onKeyDown={(event) => event.key === "Escape" && setEditing(false)}
              />
              <Button type="submit">Save</Button>
            </form>
          ) : (
            <p className="font-medium text-slate-900">
              {team.depth > 0 ? (
                <span aria-hidden className="mr-1 text-slate-400">
                  └
                </span>
              ) : null}
              {team.name} <span className="text-xs font-normal text-slate-500">· {team.memberCount} people</span>
            </p>
          )}
          <div className="mt-1 flex flex-wrap gap-1">
            {team.managers.length === 0 ? <span className="text-xs text-slate-500">No manager</span> : null}
            {team.managers.map((manager) => (
              <Badge key={manager.userId} tone="brand">
                {manager.name} · manager
                {canManage ? (
                  <button
                    type="button"
                    className="ml-1 text-brand-700 hover:text-red-600"
                    aria-label={`Remove ${manager.name} as manager`}
                    onClick={() => onSetManager(manager.userId, false)}
                  >
                    ×
                  </button>
                ) : null}
              </Badge>
            ))}
          </div>
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="ghost" onClick={() => setEditing(true)}>
              Rename
            </Button>
            <Select
              aria-label={`Parent of ${team.name}`}
              value={team.parentTeamId ?? ""}
              onChange={(event) => onMove(event.target.value || null)}
              className="w-44"
            >
              <option value="">Top level</option>
              {allTeams
                .filter((other) => other.id !== team.id)
                .map((other) => (
                  <option key={other.id} value={other.id}>
                    Under {other.name}
                  </option>
                ))}
            </Select>
            <Select
              aria-label={`Add a manager to ${team.name}`}
              value=""
              onChange={(event) => event.target.value && onSetManager(event.target.value, true)}
              className="w-44"
            >
              <option value="">Add manager…</option>
              {members
                .filter((member) => !managerIds.has(member.userId))
                .map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.name}
                  </option>
                ))}
            </Select>
          </div>
        ) : null}
      </div>
    </li>
  );
}

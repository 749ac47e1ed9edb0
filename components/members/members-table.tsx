"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Options, Select } from "@/components/ui";
import { ROLES } from "@/server/authz/permissions";
import { TeamOptions } from "@/components/teams/team-options";
import { PagedTable, SearchField, useSearch, type Column } from "@/components/paged-list";

const MEMBER_COLUMNS: Column[] = [{ label: "Name" }, { label: "Role" }, { label: "Team" }, { label: "Status" }];
const ACTIONS_COLUMN: Column = { label: "Actions", srOnly: true };

export function MembersTable({ canManage, currentUserId }: { canManage: boolean; currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { search, setSearch, query: deferredSearch } = useSearch();
  const members = useInfiniteQuery(
    trpc.members.list.infiniteQueryOptions(
      { search: deferredSearch || undefined, limit: 25 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const teams = useQuery({ ...trpc.teams.list.queryOptions(), enabled: canManage });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.pathKey() });
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const moveTeam = useMutation(trpc.members.moveTeam.mutationOptions({ onSuccess: refresh }));
  const deactivate = useMutation(trpc.members.deactivate.mutationOptions({ onSuccess: refresh }));
  const reactivate = useMutation(trpc.members.reactivate.mutationOptions({ onSuccess: refresh }));
  const failed = [changeRole, moveTeam, deactivate, reactivate].find((mutation) => mutation.error);
  const rows = members.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card
      title="People"
      actions={
        <SearchField label="Search members" placeholder="Search name or email" value={search} onChange={setSearch} />
      }
    >
      {failed ? (
        <div className="mb-4">
          <Alert>{errorMessage(failed.error)}</Alert>
        </div>
      ) : null}
      <PagedTable
        query={members}
        loading="Loading members…"
        columns={canManage ? [...MEMBER_COLUMNS, ACTIONS_COLUMN] : MEMBER_COLUMNS}
        empty={<EmptyState title={deferredSearch ? "No member matches your search" : "No members yet"} />}
      >
        {rows.map((member) => {
          const isSelf = member.userId === currentUserId;
          const plainTeam = member.teams.find((team) => !team.isManager);
          return (
            <tr key={member.userId} data-testid={`member-${member.email}`}>
              <td className="py-3 pr-4">
                <p className="font-medium text-slate-900">{member.name}</p>
                <p className="text-xs text-slate-500">{member.email}</p>
              </td>
              <td className="py-3 pr-4">
                {canManage && !isSelf ? (
                  <Select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(event) =>
                      changeRole.mutate({
                        userId: member.userId,
                        role: event.target.value as (typeof ROLES)[number],
                      })
                    }
                  >
                    <Options values={ROLES} />
                  </Select>
                ) : (
                  <Badge tone="brand">{member.role}</Badge>
                )}
              </td>
              <td className="py-3 pr-4">
                {canManage && teams.data ? (
                  <Select
                    aria-label={`Team of ${member.name}`}
                    value={plainTeam?.id ?? ""}
                    disabled={moveTeam.isPending}
                    onChange={(event) => moveTeam.mutate({ userId: member.userId, teamId: event.target.value || null })}
                  >
                    <option value="">No team</option>
                    <TeamOptions teams={teams.data} />
                  </Select>
                ) : (
                  <span className="text-slate-700">
                    {member.teams.map((team) => (team.isManager ? `${team.name} (manager)` : team.name)).join(", ") ||
                      "—"}
                  </span>
                )}
                {canManage && member.teams.some((team) => team.isManager) ? (
                  <p className="mt-1 text-xs text-slate-500">
                    Manages{" "}
                    {member.teams
                      .filter((team) => team.isManager)
                      .map((team) => team.name)
                      .join(", ")}
                  </p>
                ) : null}
              </td>
              <td className="py-3 pr-4">
                {member.status === "active" ? (
                  <Badge tone="green">active</Badge>
                ) : (
                  <Badge tone="red">deactivated</Badge>
                )}
              </td>
              {canManage ? (
                <td className="py-3 text-right">
                  {isSelf ? null : member.status === "active" ? (
                    <ConfirmButton
                      label="Deactivate"
                      title={`Deactivate ${member.name}?`}
                      confirmLabel="Deactivate"
                      onConfirm={() => deactivate.mutate({ userId: member.userId })}
                    >
                      They lose access to this organization at once. Their deals, goals and plans stay; you can
                      reactivate them later.
                    </ConfirmButton>
                  ) : (
                    <Button variant="secondary" onClick={() => reactivate.mutate({ userId: member.userId })}>
                      Reactivate
                    </Button>
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </PagedTable>
    </Card>
  );
}

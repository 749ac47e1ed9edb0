import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, deals, teamMembers } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { expectBadRequest, lastAudit } from "../helpers/world";
import { addMember, seatsOf, useMembersWorld } from "./members-fixtures";

describe("members router", () => {
  const { world, admin } = useMembersWorld();

  describe("moveTeam", () => {
    it("puts the member in one team, keeping their manager seats, and is audited", async () => {
      const member = await addMember(world.db, world.org.id, "Mover Mo", "manager", { teamId: world.org.subTeamId });
      await world.db
        .insert(teamMembers)
        .values({ orgId: world.org.id, teamId: world.org.rootTeamId, userId: member.id, isManager: true });
      const thirdTeam = (await admin().teams.create({ name: "Third", parentTeamId: null })).id;

      expect(await admin().members.moveTeam({ userId: member.id, teamId: thirdTeam })).toEqual({
        userId: member.id,
        teamId: thirdTeam,
      });
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual(
        [
          { teamId: world.org.rootTeamId, isManager: true },
          { teamId: thirdTeam, isManager: false },
        ].sort((a, b) => a.teamId.localeCompare(b.teamId)),
      );
      expect(await lastAudit(world.db, world.org.id, "member.team_changed")).toMatchObject({
        actorId: world.org.admin.id,
        entityId: member.id,
        before: { teamIds: [world.org.subTeamId] },
        after: { teamId: thirdTeam },
      });

      // No team: only the manager seat is left.
      await admin().members.moveTeam({ userId: member.id, teamId: null });
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual([
        { teamId: world.org.rootTeamId, isManager: true },
      ]);
    });

    it("the member's open deals follow them to their new team; closed deals stay with the team that worked them", async () => {
      const member = await addMember(world.db, world.org.id, "Deal Mover", "rep", { teamId: world.org.subTeamId });
      const accountId = crypto.randomUUID();
      await world.db
        .insert(accounts)
        .values({ orgId: world.org.id, id: accountId, name: "Mover's account", ownerId: member.id });
      const open = crypto.randomUUID();
      const won = crypto.randomUUID();
      await world.db.insert(deals).values([
        {
          orgId: world.org.id,
          id: open,
          accountId,
          name: "Open one",
          stage: "proposal",
          ownerId: member.id,
          teamId: world.org.subTeamId,
        },
        {
          orgId: world.org.id,
          id: won,
          accountId,
          name: "Won one",
          stage: "closed_won",
          ownerId: member.id,
          teamId: world.org.subTeamId,
        },
      ]);
      const thirdTeam = (await admin().teams.create({ name: "Deal team", parentTeamId: null })).id;
      await admin().members.moveTeam({ userId: member.id, teamId: thirdTeam });
      const teamOf = async (id: string) =>
        (await world.db.select({ teamId: deals.teamId }).from(deals).where(eq(deals.id, id)))[0]?.teamId;
      expect(await teamOf(open)).toBe(thirdTeam);
      expect(await teamOf(won)).toBe(world.org.subTeamId);
      expect(await lastAudit(world.db, world.org.id, "member.team_changed")).toMatchObject({
        after: { teamId: thirdTeam, openDealsMoved: 1 },
      });
      await admin().members.moveTeam({ userId: member.id, teamId: null });
      expect(await teamOf(open)).toBeNull();
    });

    it("a team of another organization → NOT_FOUND, nothing changes", async () => {
      const member = await addMember(world.db, world.org.id, "Stay Put", "rep", { teamId: world.org.subTeamId });
      await expectTRPCError(
        admin().members.moveTeam({ userId: member.id, teamId: world.other.subTeamId }),
        "NOT_FOUND",
      );
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual([
        { teamId: world.org.subTeamId, isManager: false },
      ]);
    });

    it("someone who is not a member → NOT_FOUND", async () => {
      await expectTRPCError(
        admin().members.moveTeam({ userId: world.other.rep.id, teamId: world.org.subTeamId }),
        "NOT_FOUND",
      );
    });

    it.each([
      ["userId", { userId: "x", teamId: null }],
      ["teamId", { userId: crypto.randomUUID(), teamId: "x" }],
      ["teamId", { userId: crypto.randomUUID() }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().members.moveTeam(input as never), field);
    });
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";

describe("disqualification reasons", () => {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
  const firstReason = async () => (await admin().reasons.list())[0]!.id;

  describeOrgAccess(world, [
    { procedure: "reasons.list", call: (api) => api.reasons.list() },
    {
      procedure: "reasons.create",
      call: (api) => api.reasons.create({ label: `Access ${crypto.randomUUID()}` }),
    },
    {
      procedure: "reasons.rename",
      call: async (api) => api.reasons.rename({ reasonId: await firstReason(), label: "No problem we can solve" }),
    },
    {
      procedure: "reasons.setArchived",
      call: async (api) => api.reasons.setArchived({ reasonId: await firstReason(), archived: false }),
    },
  ]);

  it("every new organization starts with the default reasons (a trigger), its own", async () => {
    const labels = (await world.api(world.org.viewer).reasons.list()).map((r) => r.label);
    expect(labels).toEqual([
      "No problem we can solve",
      "No personal win for the decision maker",
      "Outside strategy",
      "No budget this year",
      "Duplicate record",
    ]);
    const other = await world.api(world.other.admin, world.other.id).reasons.list();
    expect(other.map((r) => r.label)).toEqual(labels);
    const own = new Set((await admin().reasons.list()).map((r) => r.id));
    expect(other.some((r) => own.has(r.id))).toBe(false);
    expect((await admin().reasons.list()).find((r) => r.label === "No problem we can solve")?.suggestedFor).toBe(
      "DISQUALIFY",
    );
  });

  it("admins add, rename and archive reasons; audited", async () => {
    const { id } = await admin().reasons.create({ label: "Chose a competitor early" });
    expect(await lastAudit(world.db, world.org.id, "reason.created")).toMatchObject({
      entityId: id,
      after: { label: "Chose a competitor early" },
    });
    await admin().reasons.rename({ reasonId: id, label: "Chose a competitor before we met" });
    expect(await lastAudit(world.db, world.org.id, "reason.renamed")).toMatchObject({
      before: { label: "Chose a competitor early" },
      after: { label: "Chose a competitor before we met" },
    });
    await admin().reasons.setArchived({ reasonId: id, archived: true });
    expect((await admin().reasons.list()).map((r) => r.id)).not.toContain(id);
    const all = await admin().reasons.list({ includeArchived: true });
    expect(all.at(-1)).toMatchObject({ id, archived: true, deals: 0 });
    await admin().reasons.setArchived({ reasonId: id, archived: false });
    expect(await lastAudit(world.db, world.org.id, "reason.restored")).toMatchObject({ entityId: id });
  });

  it("labels are unique per organization, whatever the case → CONFLICT naming label", async () => {
    const error = await expectTRPCError(admin().reasons.create({ label: "outside STRATEGY" }), "CONFLICT");
    expect(error.message).toMatch(/^label: /);
    // The transaction stays usable: the next call in a new request works.
    await admin().reasons.create({ label: "Outside strategy (partner)" });
    const [row] = await world.db
      .select({ n: s.disqualificationReasons.id })
      .from(s.disqualificationReasons)
      .where(
        and(
          eq(s.disqualificationReasons.orgId, world.org.id),
          eq(s.disqualificationReasons.label, "Outside strategy (partner)"),
        ),
      );
    expect(row).toBeDefined();
  });

  it("bad input → BAD_REQUEST naming the field; other organizations' reasons → NOT_FOUND", async () => {
    await expectBadRequest(admin().reasons.create({ label: "" }), "label");
    await expectBadRequest(admin().reasons.rename({ reasonId: "x", label: "Y" }), "reasonId");
    const foreign = (await world.api(world.other.admin, world.other.id).reasons.list())[0]!.id;
    await expectTRPCError(admin().reasons.rename({ reasonId: foreign, label: "Pwned" }), "NOT_FOUND");
  });
});

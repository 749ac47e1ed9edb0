import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

describe("stakeholders router", () => {
  const world = useWorld();
  let pipe: Pipeline;
  let dealId: string;
  let stakeholderId: string;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
    dealId = (
      await world
        .api(world.org.rep)
        .deals.create({ accountId: pipe.accounts.acme, name: "Two stakeholders", problemFit: "yes" })
    ).id;
    stakeholderId = (
      await world
        .api(world.org.rep)
        .stakeholders.add({ dealId, contactId: pipe.contacts.acmeCfo, buyingRole: "economic_buyer", influence: 5 })
    ).id;
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);

  describeOrgAccess(world, [
    {
      procedure: "stakeholders.add",
      call: (api) => api.stakeholders.add({ dealId, contactId: pipe.contacts.acmeIt, buyingRole: "technical_buyer" }),
    },
    {
      procedure: "stakeholders.update",
      call: (api) => api.stakeholders.update({ stakeholderId, version: 1, stance: "neutral" }),
    },
    {
      procedure: "stakeholders.remove",
      call: (api) => api.stakeholders.remove({ stakeholderId }),
    },
  ]);

  it("adds an existing contact and a new one; the deal's score and flags follow; audited on the deal", async () => {
    const before = await as("rep").deals.get({ dealId });
    expect(before.alignment.flags).toEqual(expect.arrayContaining(["NO_CHAMPION", "WINS_UNKNOWN"]));
    const added = await as("rep").stakeholders.add({
      dealId,
      contact: { name: "Chris Champion", title: "Plant Manager", email: "chris@acme.example" },
      buyingRole: "champion",
      influence: 4,
      stance: "supporter",
      personalWin: "Off the night shift",
      howWeServeIt: "Weekly win report",
    });
    const [contact] = await world.db.select().from(s.contacts).where(eq(s.contacts.id, added.contactId));
    expect(contact).toMatchObject({ name: "Chris Champion", accountId: pipe.accounts.acme });
    const after = await as("rep").deals.get({ dealId });
    expect(after.stakeholders.map((p) => [p.contactName, p.buyingRole, p.influence])).toEqual([
      ["Carla CFO", "economic_buyer", 5],
      ["Chris Champion", "champion", 4],
    ]);
    expect(after.alignment.flags).not.toContain("NO_CHAMPION");
    expect(after.alignment.score).toBeGreaterThan(before.alignment.score);
    expect(await lastAudit(world.db, world.org.id, "deal.stakeholder_added")).toMatchObject({
      entityType: "deal",
      entityId: dealId,
      after: { contactName: "Chris Champion", buyingRole: "champion" },
    });
  });

  it("capturing the economic buyer's personal win raises the score", async () => {
    const before = await as("rep").deals.get({ dealId });
    const eb = before.stakeholders.find((p) => p.id === stakeholderId)!;
    const result = await as("rep").stakeholders.update({
      stakeholderId,
      version: eb.version,
      personalWin: "A cost-reduction story for the board",
    });
    expect(result).toEqual({ id: stakeholderId, version: eb.version + 1 });
    const after = await as("rep").deals.get({ dealId });
    expect(after.alignment.score).toBeGreaterThan(before.alignment.score);
    expect(after.alignment.flags).not.toContain("WINS_UNKNOWN");
    expect(await lastAudit(world.db, world.org.id, "deal.stakeholder_updated")).toMatchObject({
      entityId: dealId,
      before: { contactName: "Carla CFO", personalWin: "" },
      after: { contactName: "Carla CFO", personalWin: "A cost-reduction story for the board" },
    });
  });

  it("a stale version → CONFLICT; nothing overwritten", async () => {
    const [row] = await world.db
      .select({ version: s.stakeholders.version })
      .from(s.stakeholders)
      .where(eq(s.stakeholders.id, stakeholderId));
    await as("rep").stakeholders.update({ stakeholderId, version: row!.version, stance: "supporter" });
    const error = await expectTRPCError(
      as("rep").stakeholders.update({ stakeholderId, version: row!.version, stance: "opponent" }),
      "CONFLICT",
    );
    expect(error.message).toMatch(/^version: /);
    const [now] = await world.db
      .select({ stance: s.stakeholders.stance })
      .from(s.stakeholders)
      .where(eq(s.stakeholders.id, stakeholderId));
    expect(now?.stance).toBe("supporter");
  });

  it("a contact of another account → BAD_REQUEST; of another organization → NOT_FOUND; twice → CONFLICT", async () => {
    const error = await expectBadRequest(
      as("admin").stakeholders.add({ dealId, contactId: pipe.contacts.globexCeo, buyingRole: "influencer" }),
      "contactId",
    );
    expect(error).toContain("another account");
    const [foreignAccount] = await world.db
      .insert(s.accounts)
      .values({ orgId: world.other.id, id: crypto.randomUUID(), name: "Foreign" })
      .returning({ id: s.accounts.id });
    const [foreign] = await world.db
      .insert(s.contacts)
      .values({ orgId: world.other.id, id: crypto.randomUUID(), accountId: foreignAccount!.id, name: "Foreign person" })
      .returning({ id: s.contacts.id });
    const notFound = await expectTRPCError(
      as("rep").stakeholders.add({ dealId, contactId: foreign!.id, buyingRole: "influencer" }),
      "NOT_FOUND",
    );
    expect(notFound.message).toMatch(/^contactId: /);
    await expectTRPCError(
      as("rep").stakeholders.add({ dealId, contactId: pipe.contacts.acmeCfo, buyingRole: "user" }),
      "CONFLICT",
    );
    expect(await world.db.$count(s.stakeholders, eq(s.stakeholders.dealId, dealId))).toBe(2);
  });

  it.each([
    ["influence", { influence: 6 }],
    ["influence", { influence: 2.5 }],
    ["buyingRole", { buyingRole: "boss" }],
    ["stance", { stance: "hostile" }],
    ["personalWin", { personalWin: "x".repeat(1001) }],
    ["contactId", { contactId: undefined }],
    ["contact.email", { contactId: undefined, contact: { name: "N", email: "nope" } }],
  ] as const)("bad input → BAD_REQUEST naming %s", async (field, patch) => {
    await expectBadRequest(
      as("rep").stakeholders.add({
        dealId,
        contactId: pipe.contacts.acmeIt,
        buyingRole: "technical_buyer",
        ...patch,
      } as never),
      field,
    );
  });

  it("only those who may edit the deal change its stakeholders", async () => {
    await expectTRPCError(
      as("manager").stakeholders.update({ stakeholderId, version: 99, stance: "neutral" }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      world.api(pipe.outsider).stakeholders.update({ stakeholderId, version: 99, stance: "neutral" }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      world.api(world.other.admin, world.other.id).stakeholders.remove({ stakeholderId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      as("manager").stakeholders.add({ dealId, contactId: pipe.contacts.acmeIt, buyingRole: "technical_buyer" }),
      "FORBIDDEN",
    );
  });

  it("removes a stakeholder, audited on the deal", async () => {
    const { id } = await as("rep").stakeholders.add({
      dealId,
      contactId: pipe.contacts.acmeIt,
      buyingRole: "blocker",
      stance: "opponent",
    });
    expect((await as("rep").deals.get({ dealId })).alignment.flags).toContain("BLOCKER_UNADDRESSED");
    await as("rep").stakeholders.remove({ stakeholderId: id });
    expect((await as("rep").deals.get({ dealId })).alignment.flags).not.toContain("BLOCKER_UNADDRESSED");
    expect(await lastAudit(world.db, world.org.id, "deal.stakeholder_removed")).toMatchObject({
      entityId: dealId,
      before: { contactName: "Ida IT", buyingRole: "blocker" },
    });
  });
});

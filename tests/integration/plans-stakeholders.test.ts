/**
 * `planStakeholders.set` as the conflict panel uses it: a save sends only the fields that changed, a stale one
 * answers CONFLICT with the entry as it is now (`current`), and re-applying the change on that version keeps what
 * the other person saved in the other fields.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectTRPCError } from "../helpers/expect-trpc";
import { useWorld } from "../helpers/world";
import { seedPlanWorld, type PlanWorld } from "./plans-fixtures";

interface CurrentStakeholder {
  contactId: string;
  personalWin: string;
  approach: string;
  stance: string;
  influence: number;
  version: number;
}

const currentOf = (error: { cause?: unknown }) => (error.cause as unknown as { current: CurrentStakeholder }).current;

describe("planStakeholders.set (partial saves and conflicts)", () => {
  const world = useWorld();
  let w: PlanWorld;
  beforeAll(async () => {
    w = await seedPlanWorld(world);
  });
  const entryOf = async (contactId: string) =>
    (await world.api(world.org.rep).plans.get({ planId: w.planId })).contacts.find((c) => c.contactId === contactId)!;

  it("puts a contact on the map with defaults for the fields not sent, and then changes only the fields sent", async () => {
    const rep = world.api(world.org.rep);
    const contactId = w.pipe.contacts.acmeOps;
    expect(
      await rep.planStakeholders.set({ planId: w.planId, contactId, version: 0, personalWin: "Promotion" }),
    ).toEqual({ contactId, version: 1 });
    expect(await entryOf(contactId)).toMatchObject({
      onMap: true,
      personalWin: "Promotion",
      influence: 3,
      stance: "unknown",
      approach: "",
      buyingRole: null,
      version: 1,
    });
    await rep.planStakeholders.set({ planId: w.planId, contactId, version: 1, stance: "supporter" });
    expect(await entryOf(contactId)).toMatchObject({ personalWin: "Promotion", stance: "supporter", version: 2 });
  });

  it("a stale save answers CONFLICT with the current entry; re-applying on its version keeps the other's fields", async () => {
    const contactId = w.pipe.contacts.acmeCfo;
    const rep = world.api(world.org.rep);
    const editor = world.api(w.editor);
    await rep.planStakeholders.set({ planId: w.planId, contactId, version: 0, influence: 5 });
    await editor.planStakeholders.set({ planId: w.planId, contactId, version: 1, approach: "Monthly exec review" });
    const error = await expectTRPCError(
      rep.planStakeholders.set({ planId: w.planId, contactId, version: 1, personalWin: "Board visibility" }),
      "CONFLICT",
    );
    expect(currentOf(error)).toMatchObject({ contactId, approach: "Monthly exec review", personalWin: "", version: 2 });
    await rep.planStakeholders.set({ planId: w.planId, contactId, version: 2, personalWin: "Board visibility" });
    expect(await entryOf(contactId)).toMatchObject({
      influence: 5,
      approach: "Monthly exec review",
      personalWin: "Board visibility",
      version: 3,
    });
  });

  it("adding a contact someone else just put on the map answers CONFLICT with their entry", async () => {
    const contactId = w.pipe.contacts.acmeIt;
    await world.api(w.editor).planStakeholders.set({ planId: w.planId, contactId, version: 0, stance: "opponent" });
    const error = await expectTRPCError(
      world.api(world.org.rep).planStakeholders.set({ planId: w.planId, contactId, version: 0, influence: 2 }),
      "CONFLICT",
    );
    expect(currentOf(error)).toMatchObject({ contactId, stance: "opponent", influence: 3, version: 1 });
  });

  it("drawing who a contact reports to is an edit of the contact: its version moves on", async () => {
    const rep = world.api(world.org.rep);
    const contactId = w.pipe.contacts.acmeIt;
    const versionOf = async () =>
      (await rep.contacts.list({ accountId: w.pipe.accounts.acme })).find((c) => c.id === contactId)!.version;
    const before = await versionOf();
    await rep.planStakeholders.setReportsTo({ planId: w.planId, contactId, reportsToId: w.pipe.contacts.acmeOps });
    expect(await versionOf()).toBe(before + 1);
  });

  it("viewers are refused with FORBIDDEN and a bad value with BAD_REQUEST", async () => {
    const contactId = w.pipe.contacts.acmeOps;
    await expectTRPCError(
      world.api(w.planViewer).planStakeholders.set({ planId: w.planId, contactId, version: 1, approach: "x" }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      world.api(world.org.rep).planStakeholders.set({ planId: w.planId, contactId, version: 1, influence: 9 }),
      "BAD_REQUEST",
    );
  });
});

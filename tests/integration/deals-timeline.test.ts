import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { auditLog } from "../helpers/world";
import { reasonId, useDealsWorld } from "./deals-fixtures";

describe("deals router", () => {
  const { world, pipe, as, newDeal } = useDealsWorld();

  describe("options and timeline", () => {
    it("offers teams, objectives of active strategies and active reasons (owners: deal-owners.test.ts)", async () => {
      const options = await as("rep").deals.options();
      expect(options.objectives.map((o) => o.title)).toEqual(["Win manufacturing", "Land EMEA", "Partners"]);
      expect(options.reasons.map((r) => r.label)).toEqual([
        "No problem we can solve",
        "No personal win for the decision maker",
        "Outside strategy",
        "No budget this year",
        "Duplicate record",
      ]);
    });

    it("shows stage, disqualification, owner and stakeholder changes newest first, keyset-paginated", async () => {
      const { id } = await newDeal("Story");
      await as("rep").deals.move({ dealId: id, version: 1, stage: "discovery" });
      await as("rep").stakeholders.add({
        dealId: id,
        contactId: pipe.contacts.acmeCfo,
        buyingRole: "economic_buyer",
        influence: 5,
      });
      await as("rep").deals.disqualify({
        dealId: id,
        version: 2,
        reasonId: await reasonId(world.db, world.org.id, "No budget this year"),
        note: "Frozen",
      });
      await as("admin").deals.update({ dealId: id, version: 3, ownerId: world.org.manager.id });
      const first = await as("admin").deals.timeline({ dealId: id, limit: 3 });
      expect(first.items.map((event) => event.action)).toEqual([
        "deal.owner_changed",
        "deal.disqualified",
        "deal.stakeholder_added",
      ]);
      expect(first.items[0]!.actorName).toBe(world.org.admin.name);
      const second = await as("admin").deals.timeline({ dealId: id, limit: 3, cursor: first.nextCursor });
      expect(second.items.map((event) => event.action)).toEqual(["deal.stage_changed", "deal.created"]);
      expect(second.nextCursor).toBeNull();
      const events = await auditLog(world.db, world.org.id, eq(s.auditEvents.entityId, id));
      expect(events).toHaveLength(5);
    });

    it("the timeline of a deal the caller cannot see → NOT_FOUND", async () => {
      await expectTRPCError(as("rep").deals.timeline({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
    });
  });
});

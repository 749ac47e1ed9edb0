/** The demo's audit log: the organization's setup, the strategies' history and the flagship deal's timeline. */
import type { Demo, People } from "./seed-rows";
import { uuid } from "./seed-random";
import type { Strategies } from "./seed-strategy";

export function buildAuditLog(
  { orgId, rows }: Demo,
  { user, person, membershipId }: People,
  { activeStrategyId, archivedStrategyId }: Strategies,
  { planId, graniteMain }: { planId: string; graniteMain: string },
): void {
  const org = rows.organizations[0];
  if (!org) throw new Error("the demo organization is missing");
  const admin = user("admin");
  const audit = (
    action: string,
    entityType: string,
    entityId: string,
    at: string,
    after: unknown,
    actorId = admin,
    before: unknown = null,
  ) =>
    rows.auditEvents.push({
      orgId,
      id: uuid(),
      actorId,
      action,
      entityType,
      entityId,
      before,
      after,
      at: new Date(at),
    });
  audit("organization.created", "organization", orgId, "2026-01-05T09:00:00Z", {
    name: org.name,
    slug: org.slug,
  });
  for (const [i, key] of ["maria", "james"].entries()) {
    audit("member.invited", "membership", membershipId.get(key) ?? "", `2026-01-05T09:${10 + i}:00Z`, {
      email: person(key).email,
      role: person(key).role,
    });
  }
  audit("member.invited", "membership", membershipId.get("riley") ?? "", "2026-01-07T11:00:00Z", {
    email: "rep@acme.test",
    role: "rep",
  });
  audit("strategy.activated", "strategy", archivedStrategyId, "2026-01-12T08:30:00Z", { status: "active" }, admin, {
    status: "draft",
  });
  audit("strategy.archived", "strategy", archivedStrategyId, "2026-07-01T08:00:00Z", { status: "archived" }, admin, {
    status: "active",
  });
  audit("strategy.activated", "strategy", activeStrategyId, "2026-07-01T08:01:00Z", { status: "active" }, admin, {
    status: "draft",
  });
  audit(
    "plan.created",
    "account_plan",
    planId,
    "2026-10-02T13:20:00Z",
    { title: "Granite Peak Manufacturing — FY2027 joint plan" },
    user("riley"),
  );
  // The flagship deal's timeline.
  const riley = user("riley");
  audit(
    "deal.created",
    "deal",
    graniteMain,
    "2026-09-03T10:15:00Z",
    {
      name: "Granite Peak Manufacturing — Vision QA multi-site deployment",
      stage: "qualification",
      amount: "280000.00",
      currency: "USD",
      ownerId: riley,
    },
    riley,
  );
  audit("deal.stage_changed", "deal", graniteMain, "2026-10-01T16:40:00Z", { stage: "discovery" }, riley, {
    stage: "qualification",
  });
  audit("deal.updated", "deal", graniteMain, "2026-11-02T09:05:00Z", { amount: "342000.00", currency: "USD" }, riley, {
    amount: "280000.00",
    currency: "USD",
  });
  audit("deal.stage_changed", "deal", graniteMain, "2026-11-12T14:20:00Z", { stage: "proposal" }, riley, {
    stage: "discovery",
  });
}

/**
 * Demo data for account plans (docs/plans.md), on top of the plan db/seed.ts writes for Granite Peak: the stakeholder
 * map with its coverage gaps, customer-visible problems tied to a deal, step dependencies and an overdue step, a
 * mutual action plan template, and an active share link (its URL is printed by `npm run demo`) that the customer
 * has already used.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import * as s from "./schema";
import { hashToken } from "../server/auth/tokens";

/** The demo share link's token (demo data only: anyone reading this file can open the demo customer view). */
export const DEMO_SHARE_TOKEN = "granite-peak-demo-customer-view-2026";
export const DEMO_SHARE_PATH = `/share/${DEMO_SHARE_TOKEN}`;

const PILOT_TEMPLATE: { title: string; side: "us" | "customer"; offsetDays: number; dependsOn: number[] }[] = [
  { title: "Kick-off with the sponsor", side: "us", offsetDays: 0, dependsOn: [] },
  { title: "Name the pilot team", side: "customer", offsetDays: 3, dependsOn: [0] },
  { title: "Agree success criteria", side: "customer", offsetDays: 7, dependsOn: [0] },
  { title: "Share baseline data", side: "customer", offsetDays: 10, dependsOn: [1] },
  { title: "Security questionnaire", side: "customer", offsetDays: 14, dependsOn: [0] },
  { title: "Install the pilot", side: "us", offsetDays: 21, dependsOn: [3, 4] },
  { title: "Train the operators", side: "us", offsetDays: 24, dependsOn: [5] },
  { title: "Mid-pilot review", side: "us", offsetDays: 35, dependsOn: [6] },
  { title: "Pilot results readout", side: "us", offsetDays: 49, dependsOn: [7] },
  { title: "Business case to the economic buyer", side: "us", offsetDays: 56, dependsOn: [8] },
  { title: "Procurement and legal review", side: "customer", offsetDays: 63, dependsOn: [9] },
  { title: "Signature", side: "customer", offsetDays: 70, dependsOn: [10] },
];

export async function seedPlans(db: Database, orgId: string): Promise<void> {
  const [plan] = await db
    .select({ id: s.accountPlans.id, accountId: s.accountPlans.accountId })
    .from(s.accountPlans)
    .where(eq(s.accountPlans.orgId, orgId));
  if (!plan) return;
  const people = await db
    .select({ id: s.contacts.id, name: s.contacts.name })
    .from(s.contacts)
    .where(and(eq(s.contacts.orgId, orgId), eq(s.contacts.accountId, plan.accountId)));
  const contact = (name: string) => people.find((p) => p.name === name)!.id;
  const members = await db
    .select({ id: s.users.id, name: s.users.name })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.orgId, orgId), inArray(s.users.name, ["Riley Chen", "Maria Alvarez"])));
  const member = (name: string) => members.find((m) => m.name === name)?.id ?? null;

  await db.insert(s.planStakeholders).values([
    {
      orgId,
      planId: plan.id,
      contactId: contact("Eleanor Voss"),
      buyingRole: "economic_buyer",
      influence: 5,
      stance: "neutral",
      personalWin: "Tell the board a multi-site margin story before her contract renewal",
      approach: "Executive sponsor meeting once the ROI model is agreed",
      relationshipOwnerId: null,
    },
    {
      orgId,
      planId: plan.id,
      contactId: contact("Rajesh Iyer"),
      buyingRole: "champion",
      influence: 4,
      stance: "supporter",
      personalWin: "Be seen as the operator who fixed quality — he wants the COO role",
      approach: "Equip him with the ROI model and the reference call",
      relationshipOwnerId: member("Riley Chen"),
    },
    {
      orgId,
      planId: plan.id,
      contactId: contact("Karin Lindqvist"),
      buyingRole: "technical_buyer",
      influence: 4,
      stance: "opponent",
      personalWin: "",
      approach: "",
      relationshipOwnerId: null,
    },
    {
      orgId,
      planId: plan.id,
      contactId: contact("Mateo Ruiz"),
      buyingRole: "user",
      influence: 2,
      stance: "supporter",
      personalWin: "Fewer night calls about line stops",
      approach: "Pilot on his line first",
      relationshipOwnerId: member("Maria Alvarez"),
    },
    {
      orgId,
      planId: plan.id,
      contactId: contact("Priscilla Grant"),
      buyingRole: "influencer",
      influence: 3,
      stance: "skeptic",
      personalWin: "Hit her 8% savings target on automation spend",
      approach: "Framework agreement other plants can call off",
      relationshipOwnerId: member("Riley Chen"),
    },
  ]);

  // The first two problems are agreed with the customer; the first concerns the account's first deal.
  const problems = await db
    .select({ id: s.planProblems.id })
    .from(s.planProblems)
    .where(and(eq(s.planProblems.orgId, orgId), eq(s.planProblems.planId, plan.id)))
    .orderBy(s.planProblems.position);
  await db
    .update(s.planProblems)
    .set({ customerVisible: true })
    .where(
      and(
        eq(s.planProblems.orgId, orgId),
        inArray(
          s.planProblems.id,
          problems.slice(0, 2).map((p) => p.id),
        ),
      ),
    );
  const [deal] = await db
    .select({ id: s.deals.id })
    .from(s.deals)
    .where(and(eq(s.deals.orgId, orgId), eq(s.deals.accountId, plan.accountId)))
    .orderBy(s.deals.name)
    .limit(1);
  if (deal && problems[0])
    await db.insert(s.planProblemDeals).values({ orgId, problemId: problems[0].id, dealId: deal.id });

  // Steps: the board waits for the ROI review and the security review; one of ours is overdue.
  const steps = await db
    .select({ id: s.planSteps.id, title: s.planSteps.title })
    .from(s.planSteps)
    .where(and(eq(s.planSteps.orgId, orgId), eq(s.planSteps.planId, plan.id)));
  const step = (prefix: string) => steps.find((row) => row.title.startsWith(prefix))!.id;
  const overdueId = crypto.randomUUID();
  await db.insert(s.planSteps).values({
    orgId,
    id: overdueId,
    planId: plan.id,
    title: "Send the Vision QA reference-call list",
    side: "us",
    ownerName: "Riley Chen",
    dueOn: "2026-11-20",
    position: 6,
  });
  await db.insert(s.planStepDependencies).values([
    { orgId, stepId: step("Board approval"), dependsOnId: step("Review the ROI model") },
    { orgId, stepId: step("Board approval"), dependsOnId: step("Security review") },
    { orgId, stepId: step("Review the ROI model"), dependsOnId: overdueId },
  ]);

  // The customer's link, already opened and used. Its token is the printed demo one unless another demo copy in this
  // database (the security tests seed two) already holds it: tokens are unique across organizations.
  const [taken] = await db
    .select({ id: s.planShareLinks.id })
    .from(s.planShareLinks)
    .where(eq(s.planShareLinks.tokenHash, hashToken(DEMO_SHARE_TOKEN)));
  const token = taken ? crypto.randomUUID() : DEMO_SHARE_TOKEN;
  const linkId = crypto.randomUUID();
  await db.insert(s.planShareLinks).values({
    orgId,
    id: linkId,
    planId: plan.id,
    tokenHash: hashToken(token),
    customerName: "Rajesh Iyer",
    expiresAt: new Date("2027-12-31T00:00:00Z"),
    openCount: 4,
    lastOpenedAt: new Date("2026-11-26T08:15:00Z"),
    createdBy: member("Riley Chen")!,
    createdAt: new Date("2026-10-09T10:00:00Z"),
  });
  await db
    .update(s.planSteps)
    .set({ completedByLinkId: linkId, completedAt: new Date("2026-10-21T16:30:00Z") })
    .where(and(eq(s.planSteps.orgId, orgId), eq(s.planSteps.id, step("Share six months"))));
  await db.insert(s.planComments).values({
    orgId,
    id: crypto.randomUUID(),
    planId: plan.id,
    guestName: "Rajesh Iyer",
    shareLinkId: linkId,
    body: "Defect data for Dayton is uploaded to the shared folder. Greenville follows next week.",
    createdAt: new Date("2026-10-21T16:32:00Z"),
  });
  await db.insert(s.auditEvents).values([
    {
      orgId,
      id: crypto.randomUUID(),
      actorId: member("Riley Chen"),
      action: "plan.share_link_created",
      entityType: "account_plan",
      entityId: plan.id,
      after: { shareLinkId: linkId, customerName: "Rajesh Iyer" },
      at: new Date("2026-10-09T10:00:00Z"),
    },
    {
      orgId,
      id: crypto.randomUUID(),
      actorId: null,
      action: "plan.customer_step_done",
      entityType: "account_plan",
      entityId: plan.id,
      after: {
        title: "Share six months of defect data from the Dayton line",
        shareLinkId: linkId,
        customerName: "Rajesh Iyer",
      },
      at: new Date("2026-10-21T16:30:00Z"),
    },
  ]);

  await db.insert(s.planTemplates).values({
    orgId,
    id: crypto.randomUUID(),
    name: "Enterprise pilot: 12 steps",
    description: "From kick-off to signature in ten weeks.",
    steps: PILOT_TEMPLATE,
  });
}

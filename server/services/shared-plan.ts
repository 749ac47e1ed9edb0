/**
 * The customer view of a plan, through a share link (docs/plans.md "Customer view"). Only a hash of the token is
 * stored; a revoked, an expired and an unknown token get the same answer. The view is an allowlist: the agreed
 * objectives, the problems ↔ solutions marked customer-visible, the customer-visible steps and the comments made
 * through share links — never stakeholders, stances, influence, personal wins, internal comments or deal amounts.
 * Runs on the privileged connection (the caller is not a member), every statement filtered by the link's
 * organization and plan.
 */
import { AppError, badRequest } from "@/server/domain/errors";
import { timingSafeEqual } from "node:crypto";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  accountPlans,
  accounts,
  organizations,
  planComments,
  planProblems,
  planShareLinks,
  planSteps,
} from "@/db/schema";
import { together } from "@/server/db/together";
import { clientIp } from "@/server/auth/client-ip";
import { recordAttempt } from "@/server/auth/throttle";
import { hashToken } from "@/server/auth/tokens";
import { stepFlags } from "@/server/domain/plans";
import { auditPlan } from "./plan-access";
import { today } from "./plans";
import { omit } from "@/server/domain/objects";
import { emitWebhookEvent } from "./webhooks";

export const SHARE_LINK_INVALID_MESSAGE = "This link is not valid any more. Ask your contact for a new one.";
export const SHARE_THROTTLED_MESSAGE = "Too many requests. Please wait a few minutes and try again.";
/** Requests per client address and per link, over all customer-view calls. */
export const SHARE_REQUEST_LIMIT = { max: 120, windowMs: 10 * 60 * 1000 } as const;

export interface ResolvedLink {
  id: string;
  orgId: string;
  planId: string;
  customerName: string | null;
}

/** Counts the request (per IP and per token) and resolves the token, or the one NOT_FOUND answer. */
export async function resolveShareLink(db: Database, headers: Headers, token: string): Promise<ResolvedLink> {
  const tokenHash = hashToken(token);
  const ip = clientIp(headers);
  const attempt = await recordAttempt(db, [
    ...(ip ? [{ key: `share-ip:${ip}`, ...SHARE_REQUEST_LIMIT }] : []),
    { key: `share-link:${tokenHash}`, ...SHARE_REQUEST_LIMIT },
  ]);
  if (attempt.throttled) throw new AppError("TOO_MANY_REQUESTS", SHARE_THROTTLED_MESSAGE);
  const [link] = await db
    .select({
      id: planShareLinks.id,
      orgId: planShareLinks.orgId,
      planId: planShareLinks.planId,
      tokenHash: planShareLinks.tokenHash,
      customerName: planShareLinks.customerName,
      usable: sql<boolean>`${planShareLinks.revokedAt} is null and ${planShareLinks.expiresAt} > now() and ${accountPlans.status} <> 'archived'`,
    })
    .from(planShareLinks)
    .innerJoin(
      accountPlans,
      and(eq(accountPlans.orgId, planShareLinks.orgId), eq(accountPlans.id, planShareLinks.planId)),
    )
    .where(eq(planShareLinks.tokenHash, tokenHash));
  const matches = link ? timingSafeEqual(Buffer.from(link.tokenHash), Buffer.from(tokenHash)) : false;
  if (!link || !matches || !link.usable) throw new AppError("NOT_FOUND", SHARE_LINK_INVALID_MESSAGE);
  return { id: link.id, orgId: link.orgId, planId: link.planId, customerName: link.customerName };
}

/** Openings of one link closer together than this are one visit: the activity history shows visits, not reloads. */
export const SHARE_VISIT_GAP_MINUTES = 30;

/**
 * Counts one opening of the link (the team sees how often and when it was last opened); the first opening of a
 * visit is also recorded in the plan's activity, attributed to the link.
 */
export async function recordOpen(db: Database, link: ResolvedLink): Promise<void> {
  const where = and(eq(planShareLinks.orgId, link.orgId), eq(planShareLinks.id, link.id));
  const [before] = await db
    .select({
      newVisit: sql<boolean>`coalesce(${planShareLinks.lastOpenedAt} < now() - make_interval(mins => ${SHARE_VISIT_GAP_MINUTES}), true)`,
    })
    .from(planShareLinks)
    .where(where);
  await db
    .update(planShareLinks)
    .set({ openCount: sql`${planShareLinks.openCount} + 1`, lastOpenedAt: sql`now()` })
    .where(where);
  if (before?.newVisit)
    await auditPlan(db, { orgId: link.orgId, userId: null }, link.planId, "plan.customer_opened", {
      shareLinkId: link.id,
      customerName: link.customerName,
    });
}

/** The customer view: an explicit allowlist of columns. */
export async function loadCustomerView(db: Database, link: ResolvedLink) {
  const scope = (orgColumn: AnyPgColumn, planColumn: AnyPgColumn) =>
    and(eq(orgColumn, link.orgId), eq(planColumn, link.planId));
  const [[plan], problems, steps, comments] = await together([
    db
      .select({
        title: accountPlans.title,
        customerObjectives: accountPlans.customerObjectives,
        accountName: accounts.name,
        organizationName: organizations.name,
      })
      .from(accountPlans)
      .innerJoin(accounts, and(eq(accounts.orgId, accountPlans.orgId), eq(accounts.id, accountPlans.accountId)))
      .innerJoin(organizations, eq(organizations.id, accountPlans.orgId))
      .where(and(eq(accountPlans.orgId, link.orgId), eq(accountPlans.id, link.planId))),
    db
      .select({
        id: planProblems.id,
        problem: planProblems.problem,
        solution: planProblems.solution,
        impact: planProblems.impact,
        status: planProblems.status,
      })
      .from(planProblems)
      .where(and(scope(planProblems.orgId, planProblems.planId), eq(planProblems.customerVisible, true)))
      .orderBy(asc(planProblems.position), asc(planProblems.id)),
    db
      .select({
        id: planSteps.id,
        title: planSteps.title,
        side: planSteps.side,
        ownerName: planSteps.ownerName,
        dueOn: planSteps.dueOn,
        status: planSteps.status,
        dependsOn: sql<
          string[]
        >`coalesce((select array_agg(psd.depends_on_id) from plan_step_dependencies psd where psd.org_id = plan_steps.org_id and psd.step_id = plan_steps.id), '{}'::uuid[])`,
      })
      .from(planSteps)
      .where(and(scope(planSteps.orgId, planSteps.planId), eq(planSteps.customerVisible, true)))
      .orderBy(asc(planSteps.position), sql`${planSteps.dueOn} nulls last`, asc(planSteps.id)),
    db
      .select({
        id: planComments.id,
        guestName: planComments.guestName,
        body: planComments.body,
        at: planComments.createdAt,
      })
      .from(planComments)
      .where(and(scope(planComments.orgId, planComments.planId), isNotNull(planComments.shareLinkId)))
      .orderBy(asc(planComments.createdAt), asc(planComments.id))
      .limit(200),
  ]);
  // Blocked only counts visible steps: an internal step's existence is not revealed.
  const visibleIds = new Set(steps.map((step) => step.id));
  const flags = stepFlags(
    steps.map((step) => ({ ...step, dependsOn: step.dependsOn.filter((id) => visibleIds.has(id)) })),
    today(),
  );
  return {
    title: plan!.title,
    accountName: plan!.accountName,
    organizationName: plan!.organizationName,
    customerName: link.customerName,
    customerObjectives: plan!.customerObjectives,
    problems,
    steps: steps.map((step) => {
      const flag = flags.get(step.id)!;
      return {
        ...omit(step, "dependsOn"),
        overdue: flag.overdue,
        blocked: flag.blocked,
        canMarkDone: step.side === "customer" && step.status === "open" && !flag.blocked,
      };
    }),
    comments: comments.map((comment) => ({ ...comment, guestName: comment.guestName ?? "Customer" })),
  };
}

/** The customer marks one of their (visible, customer-side) steps done; attributed to the link and audited. */
export async function completeCustomerStep(db: Database, link: ResolvedLink, stepId: string): Promise<void> {
  const openCustomerStep = and(
    eq(planSteps.orgId, link.orgId),
    eq(planSteps.planId, link.planId),
    eq(planSteps.id, stepId),
    eq(planSteps.customerVisible, true),
    eq(planSteps.side, "customer"),
    eq(planSteps.status, "open"),
  );
  const notFound = () => new AppError("NOT_FOUND", "No open customer step with this id.", "stepId");
  const [target] = await db
    .select({
      blocked: sql<boolean>`exists (select 1 from plan_step_dependencies d join plan_steps p on p.org_id = d.org_id and p.id = d.depends_on_id where d.org_id = plan_steps.org_id and d.step_id = plan_steps.id and p.status = 'open')`,
    })
    .from(planSteps)
    .where(openCustomerStep);
  if (!target) throw notFound();
  // The answer names no other step: the one it waits for may be internal.
  if (target.blocked) badRequest("stepId", "This step waits for an earlier step to be done first.");
  const [step] = await db
    .update(planSteps)
    .set({
      status: "done",
      completedAt: sql`now()`,
      completedByLinkId: link.id,
      version: sql`${planSteps.version} + 1`,
    })
    .where(openCustomerStep)
    .returning({ title: planSteps.title });
  if (!step) throw notFound();
  await touchPlan(db, link);
  await emitWebhookEvent(db, link.orgId, {
    event: "plan_step.completed",
    data: { planId: link.planId, stepId, byCustomer: true },
  });
  await auditPlan(db, { orgId: link.orgId, userId: null }, link.planId, "plan.customer_step_done", {
    stepId,
    title: step.title,
    shareLinkId: link.id,
    customerName: link.customerName,
  });
}

/** A comment by the customer, shown to the team and in the customer view, attributed to the link. */
export async function addCustomerComment(db: Database, link: ResolvedLink, body: string): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await db.insert(planComments).values({
    orgId: link.orgId,
    id,
    planId: link.planId,
    authorId: null,
    guestName: link.customerName ?? "Customer",
    shareLinkId: link.id,
    body,
  });
  await touchPlan(db, link);
  await auditPlan(db, { orgId: link.orgId, userId: null }, link.planId, "plan.customer_commented", {
    commentId: id,
    shareLinkId: link.id,
    customerName: link.customerName,
  });
  return { id };
}

async function touchPlan(db: Database, link: ResolvedLink) {
  await db
    .update(accountPlans)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(accountPlans.orgId, link.orgId), eq(accountPlans.id, link.planId)));
}

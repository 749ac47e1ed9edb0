/**
 * Changes to a deal: create, update with a version, move between stages, disqualify with a reason. Stage changes,
 * disqualifications and owner changes are audited against the deal, which is also the deal's timeline.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { findOrgRecord } from "@/server/db/records";
import { together } from "@/server/db/together";
import { selectRows, type Database } from "@/db/client";
import { deals, disqualificationReasons, stakeholders, users } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { assertCan } from "@/server/authz/record-rules";
import type { DealStage } from "@/server/domain/deal-alignment";
import {
  amountSchema,
  currencySchema,
  dateSchema,
  lineSchema,
  problemFitSchema,
  stageSchema,
  textSchema,
} from "@/server/domain/deal-fields";
import { badRequest, notFound } from "@/server/domain/errors";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { auditAs } from "@/server/services/audit";
import { dealEvents, emitWebhookEvent } from "@/server/services/webhooks";
import {
  assertPossibleOwner,
  findEditableDeal,
  findReadableAccount,
  homeTeamOf,
  visibilityOf,
} from "@/server/services/deal-access";
import { dealConflict } from "@/server/services/deal-detail";
import {
  assertLinkableObjectives,
  assertOwnerGoals,
  hiddenLinkedGoalIds,
  replaceLinks,
} from "@/server/services/deal-links";

const dealNameSchema = lineSchema(200, 1);
const productSchema = lineSchema(120)
  .nullish()
  .transform((value) => value || null);
const linkIdsSchema = z.array(idSchema).max(50);

export const createDealInput = z.object({
  accountId: idSchema,
  name: dealNameSchema,
  amount: amountSchema.default("0"),
  currency: currencySchema.default("USD"),
  stage: stageSchema.default("prospecting"),
  closeDate: dateSchema.nullish(),
  ownerId: idSchema.optional(),
  product: productSchema,
  customerProblem: textSchema(5000).default(""),
  problemFit: problemFitSchema.default("unknown"),
  objectiveIds: linkIdsSchema.optional(),
  goalIds: linkIdsSchema.optional(),
});

export const updateDealInput = z.object({
  dealId: idSchema,
  version: versionSchema,
  accountId: idSchema.optional(),
  name: dealNameSchema.optional(),
  amount: amountSchema.optional(),
  currency: currencySchema.optional(),
  stage: stageSchema.optional(),
  closeDate: dateSchema.nullish(),
  ownerId: idSchema.optional(),
  product: lineSchema(120).nullish(),
  customerProblem: textSchema(5000).optional(),
  problemFit: problemFitSchema.optional(),
  objectiveIds: linkIdsSchema.optional(),
  goalIds: linkIdsSchema.optional(),
});

export const disqualifyDealInput = z.object({
  dealId: idSchema,
  version: versionSchema,
  reasonId: idSchema,
  note: textSchema(2000).default(""),
});

export const moveDealInput = z.object({ dealId: idSchema, version: versionSchema, stage: stageSchema });

export interface DealVersion {
  id: string;
  version: number;
  stage: DealStage;
}

const DISQUALIFY_VIA_ACTION = "Disqualifying needs a reason: use Disqualify.";

async function auditStage(
  db: Database,
  actor: Actor,
  dealId: string,
  from: DealStage,
  to: DealStage,
  extra: Record<string, unknown> = {},
) {
  if (from === to) return;
  await together([
    emitWebhookEvent(db, actor.orgId, dealEvents.stageChanged(dealId, from, to)),
    auditAs(db, actor, {
      action: from === "disqualified" ? "deal.reopened" : "deal.stage_changed",
      entityType: "deal",
      entityId: dealId,
      before: { stage: from },
      after: { stage: to, ...extra },
    }),
  ]);
}

export async function createDeal(
  db: Database,
  actor: Actor,
  input: z.output<typeof createDealInput>,
): Promise<DealVersion> {
  if (input.stage === "disqualified") badRequest("stage", DISQUALIFY_VIA_ACTION);
  const ownerId = input.ownerId ?? actor.userId;
  assertCan(actor, "deal.assign", { ownerId }, "ownerId", "Only an admin can create deals for someone else.");
  const visibility = await visibilityOf(db, actor);
  await findReadableAccount(db, visibility, input.accountId);
  await assertPossibleOwner(db, actor.orgId, ownerId);
  await assertLinkableObjectives(db, actor.orgId, input.objectiveIds ?? []);
  await assertOwnerGoals(db, actor.orgId, ownerId, input.goalIds ?? []);
  const id = crypto.randomUUID();
  await db.insert(deals).values({
    orgId: actor.orgId,
    id,
    accountId: input.accountId,
    name: input.name,
    amount: input.amount,
    currency: input.currency,
    stage: input.stage,
    closeDate: input.closeDate ?? null,
    ownerId,
    teamId: await homeTeamOf(db, actor.orgId, ownerId),
    product: input.product,
    customerProblem: input.customerProblem,
    problemFit: input.problemFit,
  });
  await replaceLinks(db, actor.orgId, id, input);
  await auditAs(db, actor, {
    action: "deal.created",
    entityType: "deal",
    entityId: id,
    after: { name: input.name, stage: input.stage, amount: input.amount, currency: input.currency, ownerId },
  });
  await emitWebhookEvent(db, actor.orgId, dealEvents.created(id, input.name, input.stage));
  return { id, version: 1, stage: input.stage };
}

/**
 * Edits a deal as of `version`. A stale version answers CONFLICT (the current record is the error's
 * cause); nothing is overwritten. Moving to "disqualified" goes through `disqualify` (a reason is needed);
 * moving out of it reopens the deal.
 */
export async function updateDeal(
  db: Database,
  actor: Actor,
  input: z.output<typeof updateDealInput>,
): Promise<DealVersion> {
  const visibility = await visibilityOf(db, actor);
  await findEditableDeal(db, visibility, input.dealId);
  const current = await findOrgRecord(db, deals, actor.orgId, input.dealId, ["dealId", "Deal not found."]);
  if (current.version !== input.version) return dealConflict(db, actor, input.dealId);
  if (input.stage === "disqualified" && current.stage !== "disqualified") badRequest("stage", DISQUALIFY_VIA_ACTION);

  const patch: Partial<typeof deals.$inferInsert> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set = <K extends keyof typeof deals.$inferInsert>(
    key: K,
    value: (typeof deals.$inferInsert)[K] | undefined,
  ) => {
    if (value === undefined || value === current[key as keyof typeof current]) return;
    patch[key] = value;
    before[key] = current[key as keyof typeof current];
    after[key] = value;
  };
  set("name", input.name);
  set("amount", input.amount);
  set("currency", input.currency);
  set("closeDate", input.closeDate === undefined ? undefined : (input.closeDate ?? null));
  set("product", input.product === undefined ? undefined : input.product || null);
  set("customerProblem", input.customerProblem);
  set("problemFit", input.problemFit);
  // Amounts compare as decimals ("100" equals "100.00"): let Postgres decide whether it changed.
  if (patch.amount !== undefined) {
    const [same] = await selectRows<{ same: boolean }>(
      db,
      sql`select ${patch.amount}::numeric = ${current.amount}::numeric as same`,
    );
    if (same?.same) {
      delete patch.amount;
      delete before.amount;
      delete after.amount;
    }
  }

  if (input.accountId !== undefined && input.accountId !== current.accountId) {
    await findReadableAccount(db, visibility, input.accountId);
    const [people] = await db
      .select({ n: count() })
      .from(stakeholders)
      .where(and(eq(stakeholders.orgId, actor.orgId), eq(stakeholders.dealId, input.dealId)));
    if ((people?.n ?? 0) > 0) {
      badRequest("accountId", "Remove the deal's stakeholders before moving it to another account.");
    }
    set("accountId", input.accountId);
  }

  let ownerChange: { from: string; to: string; fromName: string; toName: string } | null = null;
  if (input.ownerId !== undefined && input.ownerId !== current.ownerId) {
    assertCan(actor, "deal.assign", { ownerId: input.ownerId }, "ownerId", "Only an admin can reassign a deal.");
    const owner = await assertPossibleOwner(db, actor.orgId, input.ownerId);
    const [previous] = await db.select({ name: users.name }).from(users).where(eq(users.id, current.ownerId));
    patch.ownerId = input.ownerId;
    patch.teamId = await homeTeamOf(db, actor.orgId, input.ownerId);
    ownerChange = { from: current.ownerId, to: input.ownerId, fromName: previous?.name ?? "", toName: owner.name };
  }

  const stageChange =
    input.stage !== undefined && input.stage !== current.stage ? { from: current.stage, to: input.stage } : null;
  if (stageChange) {
    patch.stage = stageChange.to;
    if (stageChange.from === "disqualified")
      Object.assign(patch, { disqualifiedReason: null, disqualifiedReasonId: null, disqualifiedNote: null });
  }

  const ownerId = patch.ownerId ?? current.ownerId;
  await assertLinkableObjectives(db, actor.orgId, input.objectiveIds ?? [], current.id);
  await assertOwnerGoals(db, actor.orgId, ownerId, input.goalIds ?? []);
  const linksChanged = input.objectiveIds !== undefined || input.goalIds !== undefined || ownerChange !== null;
  if (Object.keys(patch).length === 0 && !linksChanged)
    return { id: current.id, version: current.version, stage: current.stage };

  const updated = await writeVersion(db, actor, input, patch);

  // A new owner's deal cannot advance the previous owner's goals.
  const goalIds = ownerChange
    ? (input.goalIds ?? [])
    : input.goalIds && [...input.goalIds, ...(await hiddenLinkedGoalIds(db, actor, input.dealId, ownerId))];
  await replaceLinks(db, actor.orgId, input.dealId, { objectiveIds: input.objectiveIds, goalIds });

  // An amount is recorded with its currency, so the timeline and the audit log can show it in that currency.
  if ("amount" in after) {
    before.currency ??= current.currency;
    after.currency ??= current.currency;
  }
  if (Object.keys(after).length > 0 || input.objectiveIds || input.goalIds) {
    await auditAs(db, actor, {
      action: "deal.updated",
      entityType: "deal",
      entityId: input.dealId,
      before,
      after: {
        ...after,
        ...(input.objectiveIds ? { objectiveIds: input.objectiveIds } : {}),
        ...(input.goalIds ? { goalIds: input.goalIds } : {}),
      },
    });
  }
  if (stageChange) await auditStage(db, actor, input.dealId, stageChange.from, stageChange.to);
  if (ownerChange) {
    await auditAs(db, actor, {
      action: "deal.owner_changed",
      entityType: "deal",
      entityId: input.dealId,
      before: { ownerId: ownerChange.from, ownerName: ownerChange.fromName },
      after: { ownerId: ownerChange.to, ownerName: ownerChange.toName },
    });
  }
  await emitWebhookEvent(db, actor.orgId, dealEvents.updated(input.dealId, updated.version));
  return { id: input.dealId, version: updated.version, stage: updated.stage };
}

/**
 * Writes `patch` as the deal's next version if it is still at `version`; someone else's change in between →
 * CONFLICT with the deal as it is now.
 */
async function writeVersion(
  db: Database,
  actor: Actor,
  { dealId, version }: { dealId: string; version: number },
  patch: Partial<typeof deals.$inferInsert>,
): Promise<{ version: number; stage: DealStage }> {
  const [updated] = await db
    .update(deals)
    .set({ ...patch, version: sql`${deals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(deals.orgId, actor.orgId), eq(deals.id, dealId), eq(deals.version, version)))
    .returning({ version: deals.version, stage: deals.stage });
  return updated ?? dealConflict(db, actor, dealId);
}

/**
 * The deal an edit as of `input.version` starts from: found and editable, then the edit's own `rule` (its answer,
 * e.g. BAD_REQUEST, comes before a stale version's CONFLICT), then still at that version; else CONFLICT.
 */
async function editableAtVersion<T>(
  db: Database,
  actor: Actor,
  input: { dealId: string; version: number },
  rule: (deal: Awaited<ReturnType<typeof findEditableDeal>>) => T | Promise<T>,
) {
  const deal = await findEditableDeal(db, await visibilityOf(db, actor), input.dealId);
  const checked = await rule(deal);
  if (deal.version !== input.version) await dealConflict(db, actor, input.dealId);
  return { deal, checked };
}

/** Moves a deal to another stage (the kanban); out of "disqualified" it reopens the deal. */
export async function moveDeal(
  db: Database,
  actor: Actor,
  input: z.output<typeof moveDealInput>,
): Promise<DealVersion> {
  const { deal } = await editableAtVersion(db, actor, input, (deal) => {
    if (input.stage === "disqualified" && deal.stage !== "disqualified") badRequest("stage", DISQUALIFY_VIA_ACTION);
  });
  if (deal.stage === input.stage) return { id: deal.id, version: deal.version, stage: deal.stage };
  const reopen =
    deal.stage === "disqualified"
      ? { disqualifiedReason: null, disqualifiedReasonId: null, disqualifiedNote: null }
      : {};
  // The change and its audit entry in one round trip: a version conflict rolls the entry back with the change.
  const [updated] = await together([
    writeVersion(db, actor, input, { stage: input.stage, ...reopen }),
    auditStage(db, actor, input.dealId, deal.stage, input.stage),
  ]);
  return { id: deal.id, version: updated.version, stage: updated.stage };
}

/** One of the organization's disqualification reasons (archived ones too); NOT_FOUND names `reasonId`. */
export async function findReason(db: Database, orgId: string, reasonId: string) {
  const [reason] = await db
    .select({
      id: disqualificationReasons.id,
      label: disqualificationReasons.label,
      archived: disqualificationReasons.archived,
    })
    .from(disqualificationReasons)
    .where(and(eq(disqualificationReasons.orgId, orgId), eq(disqualificationReasons.id, reasonId)));
  if (!reason) notFound("reasonId", "Reason not found.");
  return reason;
}

/** Disqualifies a deal with a reason from the organization's list and a free note. */
export async function disqualifyDeal(
  db: Database,
  actor: Actor,
  input: z.output<typeof disqualifyDealInput>,
): Promise<DealVersion> {
  const { deal, checked: reason } = await editableAtVersion(db, actor, input, async () => {
    const reason = await findReason(db, actor.orgId, input.reasonId);
    if (reason.archived) badRequest("reasonId", "This reason is archived; pick another one.");
    return reason;
  });
  const updated = await writeVersion(db, actor, input, {
    stage: "disqualified",
    disqualifiedReason: reason.label,
    disqualifiedReasonId: reason.id,
    disqualifiedNote: input.note || null,
  });
  await auditAs(db, actor, {
    action: "deal.disqualified",
    entityType: "deal",
    entityId: input.dealId,
    before: { stage: deal.stage },
    after: { stage: "disqualified", reason: reason.label, reasonId: reason.id, note: input.note },
  });
  await emitWebhookEvent(db, actor.orgId, dealEvents.disqualified(deal.id, reason.label));
  return { id: deal.id, version: updated.version, stage: updated.stage };
}

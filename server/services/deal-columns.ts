/**
 * The column selections the account, deal and stakeholder queries share (objects for Drizzle's `select({...})`), each with
 * the join it needs. A query spreads one and adds what its own view needs, so a field is named in one place.
 */
import { and, eq } from "drizzle-orm";
import { accounts, contacts, dealAlignment, deals, stakeholders, users } from "@/db/schema";

/** A deal as every list and page shows it, with its account's and owner's names (joins: `dealJoins`). */
export const dealColumns = {
  id: deals.id,
  name: deals.name,
  accountId: deals.accountId,
  accountName: accounts.name,
  amount: deals.amount,
  currency: deals.currency,
  stage: deals.stage,
  closeDate: deals.closeDate,
  ownerId: deals.ownerId,
  ownerName: users.name,
  teamId: deals.teamId,
  product: deals.product,
  problemFit: deals.problemFit,
  disqualifiedReason: deals.disqualifiedReason,
  externalId: deals.externalId,
  version: deals.version,
  updatedAt: deals.updatedAt,
};

/** deals joined with their account, owner and stored scores (inner joins: each always exists). */
export const dealJoins = {
  account: and(eq(accounts.orgId, deals.orgId), eq(accounts.id, deals.accountId)),
  owner: eq(users.id, deals.ownerId),
  scores: and(eq(dealAlignment.orgId, deals.orgId), eq(dealAlignment.dealId, deals.id)),
};

/** An account as its list and page show it, with its owner's name (a left join on `accountOwnerJoin`). */
export const accountColumns = {
  id: accounts.id,
  name: accounts.name,
  domain: accounts.domain,
  industry: accounts.industry,
  segment: accounts.segment,
  region: accounts.region,
  ownerId: accounts.ownerId,
  ownerName: users.name,
};

export const accountOwnerJoin = eq(users.id, accounts.ownerId);

/** What a stakeholder says about their interest in the deal (what stakeholders.update edits), and its version. */
export const stakeholderInterestColumns = {
  buyingRole: stakeholders.buyingRole,
  influence: stakeholders.influence,
  stance: stakeholders.stance,
  personalWin: stakeholders.personalWin,
  businessGoal: stakeholders.businessGoal,
  howWeServeIt: stakeholders.howWeServeIt,
  version: stakeholders.version,
};

/** stakeholders joined with their contact (an inner join: a stakeholder is always a contact). */
export const stakeholderContactJoin = and(
  eq(contacts.orgId, stakeholders.orgId),
  eq(contacts.id, stakeholders.contactId),
);

import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, orgId, updatedAt, version } from "./columns";
import { reviewStatusEnum } from "./enums";
import { memberRef, tenantRef } from "./references";
import { strategies } from "./strategy";

// ---------------------------------------------------------------------------------------------------
// Reviews
export const reviews = pgTable(
  "reviews",
  {
    orgId: orgId(),
    id: id(),
    subjectId: uuid().notNull(),
    reviewerId: uuid().notNull(),
    strategyId: uuid().notNull(),
    status: reviewStatusEnum().notNull().default("draft"),
    /**
     * Every figure the review shows, frozen when it is shared (server/domain/reviews/snapshot.ts, versioned and
     * validated); null while it is a draft (a draft's figures are assembled afresh on each read).
     */
    snapshot: jsonb(),
    /** The snapshot's rep ↔ strategy score, for trends and the team's board without reading the documents. */
    score: integer(),
    managerNotes: text().notNull().default(""),
    /** The managers' notes per section of the review: { score, goals, pipeline, deals, actions }. */
    sectionNotes: jsonb().notNull().default({}),
    repNotes: text().notNull().default(""),
    version: version(),
    sharedAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("reviews_subject_fk", [t.orgId, t.subjectId]),
    memberRef("reviews_reviewer_fk", [t.orgId, t.reviewerId]),
    tenantRef("reviews_strategy_fk", [t.orgId, t.strategyId], strategies),
    index().on(t.orgId, t.subjectId, t.createdAt),
    index().on(t.orgId, t.reviewerId, t.createdAt),
    index().on(t.orgId, t.createdAt, t.id),
    check("reviews_score_check", sql`${t.score} is null or ${t.score} between 0 and 100`),
  ],
);

export const reviewActions = pgTable(
  "review_actions",
  {
    orgId: orgId(),
    id: id(),
    reviewId: uuid().notNull(),
    text: text().notNull(),
    ownerId: uuid(),
    /** Who agreed to do it: the review's manager or its rep (ownerId is that person). */
    ownerRole: text().notNull().default("rep"),
    dueOn: date(),
    done: boolean().notNull().default(false),
    doneAt: timestamp({ withTimezone: true }),
    /** Optional link to one of the rep's goals or deals, with its name as it was (the link may outlive it). */
    goalId: uuid(),
    dealId: uuid(),
    linkLabel: text().notNull().default(""),
    /** When the owner was told the action is due soon / overdue (server/services/review-reminders.ts): once each. */
    dueSoonRemindedAt: timestamp({ withTimezone: true }),
    overdueRemindedAt: timestamp({ withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantRef("review_actions_review_fk", [t.orgId, t.reviewId], reviews).onDelete("cascade"),
    memberRef("review_actions_owner_fk", [t.orgId, t.ownerId]),
    index().on(t.orgId, t.reviewId),
    // A person's open actions (their home page).
    index("review_actions_open_by_owner_idx")
      .on(t.orgId, t.ownerId, t.dueOn)
      .where(sql`not ${t.done}`),
    check("review_actions_owner_role_check", sql`${t.ownerRole} in ('manager', 'rep')`),
  ],
);

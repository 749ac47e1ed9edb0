import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, orgId, updatedAt, version } from "./columns";
import { focusDimensionEnum, goalCategoryEnum, goalVisibilityEnum, strategyStatusEnum } from "./enums";
import { memberRef, tenantRef } from "./references";
import { organizations } from "./tenancy";

// ---------------------------------------------------------------------------------------------------
// Strategy
export const strategies = pgTable(
  "strategies",
  {
    orgId: orgId().references(() => organizations.id, { onDelete: "cascade" }),
    id: id(),
    name: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    status: strategyStatusEnum().notNull().default("draft"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.status, t.startsOn),
    check("strategies_period_check", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const objectives = pgTable(
  "objectives",
  {
    orgId: orgId(),
    id: id(),
    strategyId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    weight: integer().notNull(),
    ownerId: uuid(),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantRef("objectives_strategy_fk", [t.orgId, t.strategyId], strategies).onDelete("cascade"),
    memberRef("objectives_owner_fk", [t.orgId, t.ownerId]),
    index().on(t.orgId, t.strategyId),
    check("objectives_weight_check", sql`${t.weight} between 0 and 100`),
  ],
);

export const objectiveFocus = pgTable(
  "objective_focus",
  {
    orgId: orgId(),
    id: id(),
    objectiveId: uuid().notNull(),
    dimension: focusDimensionEnum().notNull(),
    value: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantRef("objective_focus_objective_fk", [t.orgId, t.objectiveId], objectives).onDelete("cascade"),
    index().on(t.orgId, t.dimension, t.value),
    index().on(t.orgId, t.objectiveId),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Rep goals ("self-interests")
export const goals = pgTable(
  "goals",
  {
    orgId: orgId(),
    id: id(),
    userId: uuid().notNull(),
    strategyId: uuid().notNull(),
    category: goalCategoryEnum().notNull(),
    title: text().notNull(),
    target: numeric({ precision: 14, scale: 2 }),
    unit: text().notNull().default(""),
    currentValue: numeric({ precision: 14, scale: 2 }).notNull().default("0"),
    importance: integer().notNull().default(2),
    visibility: goalVisibilityEnum().notNull().default("manager"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    memberRef("goals_user_fk", [t.orgId, t.userId]),
    tenantRef("goals_strategy_fk", [t.orgId, t.strategyId], strategies),
    index().on(t.orgId, t.userId, t.strategyId),
    check("goals_importance_check", sql`${t.importance} between 1 and 3`),
    check("goals_target_check", sql`${t.target} is null or ${t.target} >= 0`),
  ],
);

export const goalObjectiveLinks = pgTable(
  "goal_objective_links",
  {
    orgId: orgId(),
    goalId: uuid().notNull(),
    objectiveId: uuid().notNull(),
    strength: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.goalId, t.objectiveId] }),
    tenantRef("goal_links_goal_fk", [t.orgId, t.goalId], goals).onDelete("cascade"),
    tenantRef("goal_links_objective_fk", [t.orgId, t.objectiveId], objectives).onDelete("cascade"),
    index().on(t.orgId, t.objectiveId),
    check("goal_links_strength_check", sql`${t.strength} between 1 and 3`),
  ],
);

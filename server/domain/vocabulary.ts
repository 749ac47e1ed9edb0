/**
 * The product's vocabularies, each defined once: the pg enums (db/schema.ts), zod schemas, the domain and
 * the UI all build on these tuples. Display labels are in server/domain/labels.ts.
 */

/** Who may read a goal's content (see GOAL_READERS in server/authz/record-rules.ts). */
export const GOAL_VISIBILITIES = ["private", "manager", "team"] as const;
export type GoalVisibility = (typeof GOAL_VISIBILITIES)[number];

/**
 * The review snapshot: every figure a review shows, as one versioned document. A draft's snapshot is assembled
 * afresh on each read; sharing stores it (reviews.snapshot) and from then on it is only ever read back, never
 * recomputed — later edits of deals, goals or the strategy change nothing in a shared review. Stored documents
 * are validated with this schema when read; a new shape gets a new `schemaVersion` and a reader for the old one.
 */
import { z } from "zod";
import { DEAL_FLAGS, DEAL_STAGES } from "@/server/domain/deal-alignment";
import { GOAL_CATEGORIES } from "@/server/domain/rep-alignment";

export const SNAPSHOT_VERSION = 1;

/** The deals listed in a snapshot at most (ordered by priority); counts cover all of the rep's open deals. */
export const SNAPSHOT_DEAL_LIMIT = 200;

export const REVIEW_SECTIONS = ["score", "goals", "pipeline", "deals", "actions"] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

/** The group a deal is listed in; the list shows them in this order. */
export const DEAL_GROUPS = ["disqualify", "outside_strategy", "other"] as const;
export type DealGroup = (typeof DEAL_GROUPS)[number];

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const share = z.number().min(0).max(1);
const component = z.object({ value: share, max: z.number().int(), points: z.number().int() });

export const snapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_VERSION),
  takenAt: z.iso.datetime(),
  strategy: z.object({ id: z.uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string() }),
  subject: z.object({ id: z.uuid(), name: z.string() }),
  alignment: z.object({
    score: z.number().int().min(0).max(100),
    components: z.object({ coverage: component, focus: component, pipelineFit: component }),
    reasons: z.array(z.string()),
    suggestions: z.array(z.object({ text: z.string(), gain: z.number().int().nullable() })),
  }),
  goals: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      category: z.enum(GOAL_CATEGORIES),
      target: decimal.nullable(),
      unit: z.string(),
      currentValue: decimal,
      /** current / target, capped at 1; null without a target. */
      progress: share.nullable(),
      links: z.array(z.object({ objectiveId: z.uuid(), objectiveTitle: z.string(), strength: z.number().int() })),
    }),
  ),
  /** Goals the reviewer may not read (private): counted in the score, never shown. */
  hiddenGoalCount: z.number().int().min(0),
  pipelineMix: z.object({
    total: decimal,
    currencies: z.array(z.string()),
    objectives: z.array(
      z.object({
        objectiveId: z.uuid(),
        title: z.string(),
        /** The objective's weight as a share of the strategy's weights: where the company wants time to go. */
        targetShare: share,
        /** The share of the rep's open pipeline on it: where the time goes. */
        actualShare: share,
        amount: decimal,
      }),
    ),
    unaligned: z.object({ share, amount: decimal }),
  }),
  deals: z.object({
    /** All of the rep's open deals, whatever the list holds. */
    total: z.number().int().min(0),
    byGroup: z.object({ disqualify: z.number().int(), outside_strategy: z.number().int(), other: z.number().int() }),
    items: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        accountName: z.string(),
        stage: z.enum(DEAL_STAGES),
        amount: decimal,
        currency: z.string(),
        closeDate: z.string().nullable(),
        score: z.number().int(),
        customer: share,
        company: share,
        rep: share,
        flags: z.array(z.enum(DEAL_FLAGS)),
        group: z.enum(DEAL_GROUPS),
      }),
    ),
  }),
  previousReview: z
    .object({
      id: z.uuid(),
      sharedAt: z.string().nullable(),
      score: z.number().int().nullable(),
      openActions: z.array(
        z.object({ id: z.uuid(), text: z.string(), ownerName: z.string().nullable(), dueOn: z.string().nullable() }),
      ),
    })
    .nullable(),
});

export type ReviewSnapshot = z.infer<typeof snapshotSchema>;
export type SnapshotDeal = ReviewSnapshot["deals"]["items"][number];

/** Reads a stored snapshot; null when it is not a document this version of Tandem understands. */
export function readSnapshot(stored: unknown): ReviewSnapshot | null {
  const parsed = snapshotSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export const sectionNotesSchema = z.object(
  Object.fromEntries(REVIEW_SECTIONS.map((section) => [section, z.string().default("")])) as Record<
    ReviewSection,
    z.ZodDefault<z.ZodString>
  >,
);
export type SectionNotes = Record<ReviewSection, string>;

export function readSectionNotes(stored: unknown): SectionNotes {
  const parsed = sectionNotesSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { score: "", goals: "", pipeline: "", deals: "", actions: "" };
}

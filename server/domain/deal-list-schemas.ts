/**
 * The pipeline's inputs and rows (deals.list, deals.totals, deals.board, deals.export): filters, sort orders,
 * keyset cursors and the columns of a row. Pure; the SQL for them is in server/services/deal-conditions.ts and
 * deal-queries.ts.
 */
import { z } from "zod";
import { amountSchema, dateSchema, flagSchema, stageSchema } from "@/server/domain/deal-fields";
import { recomputingSchema } from "@/server/domain/schemas";

export const DEAL_SORTS = ["closeDate", "amount", "score", "name", "updatedAt"] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

export const dealFiltersSchema = z
  .object({
    ownerIds: z.array(z.uuid()).max(50).optional(),
    /** A team: its deals and those of its sub-teams. */
    teamId: z.uuid().optional(),
    stages: z.array(stageSchema).max(8).optional(),
    objectiveId: z.uuid().optional(),
    flag: flagSchema.optional(),
    accountId: z.uuid().optional(),
    closeFrom: dateSchema.optional(),
    closeTo: dateSchema.optional(),
    amountMin: amountSchema.optional(),
    amountMax: amountSchema.optional(),
    search: z.string().trim().max(100).optional(),
  })
  .superRefine((filters, ctx) => {
    if (filters.closeFrom && filters.closeTo && filters.closeFrom > filters.closeTo) {
      ctx.addIssue({ code: "custom", path: ["closeTo"], message: "Must not be before the start date" });
    }
    // Compared as decimals without floats: pad both to the same shape.
    if (filters.amountMin && filters.amountMax && compareDecimal(filters.amountMin, filters.amountMax) > 0) {
      ctx.addIssue({ code: "custom", path: ["amountMax"], message: "Must not be below the minimum" });
    }
  });
export type DealFilters = z.infer<typeof dealFiltersSchema>;

/** Compares two non-negative decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const [ai = "0", af = ""] = a.split(".");
  const [bi = "0", bf = ""] = b.split(".");
  const width = Math.max(ai.length, bi.length);
  const left = ai.replace(/^0+(?=\d)/, "").padStart(width, "0") + af.padEnd(2, "0");
  const right = bi.replace(/^0+(?=\d)/, "").padStart(width, "0") + bf.padEnd(2, "0");
  return left < right ? -1 : left > right ? 1 : 0;
}

export const sortSchema = z.object({
  by: z.enum(DEAL_SORTS).default("closeDate"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type SortInput = z.infer<typeof sortSchema>;

export const dealCursorSchema = z.object({ key: z.string().max(300), id: z.uuid() });
export type DealCursor = z.infer<typeof dealCursorSchema>;

/** The columns of a pipeline row (owner name through a join on users). */
export const dealRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  amount: z.string(),
  currency: z.string(),
  stage: stageSchema,
  closeDate: z.string().nullable(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  teamId: z.uuid().nullable(),
  product: z.string().nullable(),
  problemFit: z.enum(["yes", "partly", "no", "unknown"]),
  disqualifiedReason: z.string().nullable(),
  externalId: z.string().nullable(),
  score: z.number().int(),
  customer: z.number(),
  company: z.number(),
  rep: z.number(),
  flags: z.array(flagSchema),
  recomputing: recomputingSchema,
  version: z.number().int(),
  updatedAt: z.date(),
});
export type DealRow = z.infer<typeof dealRowSchema>;

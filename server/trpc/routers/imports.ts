/**
 * CSV import of accounts and deals (server/services/imports.ts): `preview` says what would happen, `commit` writes
 * all rows or none. The file is refused before parsing when it is too large (server/domain/csv-import.ts).
 */
import { z } from "zod";
import { CSV_MAX_BYTES, IMPORT_KINDS } from "@/server/domain/csv-import";
import { previewSchema } from "@/server/services/import-plan";
import { commitImport, previewImport } from "@/server/services/imports";
import { orgProcedure, router } from "../init";

const importInput = z.object({
  kind: z.enum(IMPORT_KINDS),
  csv: z.string().max(CSV_MAX_BYTES, {
    message: `The file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
  }),
});

export const importsRouter = router({
  /** What an import would do, row by row; writes nothing. A mutation because the file travels in the body. */
  preview: orgProcedure("imports.run")
    .input(importInput)
    .output(previewSchema)
    .mutation(({ ctx, input }) => previewImport(ctx.db, ctx.actor, input.kind, input.csv)),

  /** Imports every row, or none: any row with an error refuses the whole file. */
  commit: orgProcedure("imports.run")
    .input(importInput)
    .output(
      z.object({
        kind: z.enum(IMPORT_KINDS),
        created: z.number().int(),
        updated: z.number().int(),
        accountsCreated: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => commitImport(ctx.db, ctx.actor, input)),
});

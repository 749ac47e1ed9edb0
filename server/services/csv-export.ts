/**
 * The pipeline as CSV, in columns that Tandem's import reads back ("Tandem ID" updates the same deals).
 * Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
 */
import Papa from "papaparse";
import { STAGE_LABELS } from "@/server/domain/labels";
import type { DealRow } from "@/server/domain/deal-list-schemas";
import { protectFormula } from "@/server/domain/csv-import";

export function dealsCsv(items: DealRow[]): string {
  return Papa.unparse({
    fields: [
      "Tandem ID",
      "External ID",
      "Deal Name",
      "Account Name",
      "Amount",
      "Currency",
      "Stage",
      "Close Date",
      "Owner",
      "Product",
      "Problem Fit",
      "Score",
      "Flags",
      "Disqualified Reason",
    ],
    data: items.map((deal) => [
      deal.id,
      protectFormula(deal.externalId),
      protectFormula(deal.name),
      protectFormula(deal.accountName),
      deal.amount,
      deal.currency,
      STAGE_LABELS[deal.stage],
      deal.closeDate ?? "",
      protectFormula(deal.ownerName),
      protectFormula(deal.product),
      deal.problemFit,
      String(deal.score),
      deal.flags.join(" "),
      protectFormula(deal.disqualifiedReason),
    ]),
  });
}

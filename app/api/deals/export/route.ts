/**
 * CSV export of the pipeline view: GET /api/deals/export?org=<org id>&<the pipeline's URL filters>.
 * Goes through deals.export (same visibility, filters and sort as the list; scores from SQL). Text cells
 * that a spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
 */
import { TRPCError } from "@trpc/server";
import Papa from "papaparse";
import { parseDealSearch } from "@/components/deals/deal-search";
import { STAGE_LABELS } from "@/components/deals/labels";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { serverCaller } from "@/server/trpc/server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  SERVICE_UNAVAILABLE: 503,
};

/** Neutralizes =, +, -, @, tab and carriage return at the start of a text cell. */
function safeCell(text: string | null): string {
  if (text === null) return "";
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  const orgId = url.searchParams.get("org");
  if (!orgId || !UUID.test(orgId)) return Response.json({ error: "org: Organization not found." }, { status: 404 });
  const { filters, sort } = parseDealSearch(url.searchParams);
  let result;
  try {
    result = await (await serverCaller(orgId)).deals.export({ filters, sort });
  } catch (error) {
    if (error instanceof TRPCError && STATUS[error.code]) return Response.json({ error: error.message }, { status: STATUS[error.code] });
    // Opening the connection happens before any procedure runs.
    if (isDatabaseUnavailable(error)) return Response.json({ error: "The database is unavailable. Try again in a moment." }, { status: 503, headers: { "retry-after": "5" } });
    throw error;
  }
  const csv = Papa.unparse({
    fields: ["Deal ID", "External ID", "Deal Name", "Account Name", "Amount", "Currency", "Stage", "Close Date", "Owner", "Product", "Problem Fit", "Score", "Flags", "Disqualified Reason"],
    data: result.items.map((deal) => [
      deal.id,
      safeCell(deal.externalId),
      safeCell(deal.name),
      safeCell(deal.accountName),
      deal.amount,
      deal.currency,
      STAGE_LABELS[deal.stage],
      deal.closeDate ?? "",
      safeCell(deal.ownerName),
      safeCell(deal.product),
      deal.problemFit,
      String(deal.score),
      deal.flags.join(" "),
      safeCell(deal.disqualifiedReason),
    ]),
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="pipeline-${date}.csv"`,
      "cache-control": "no-store",
      ...(result.truncated ? { "x-tandem-truncated": "10000" } : {}),
    },
  });
}

/**
 * CSV export of the pipeline view: GET /api/deals/export?org=<org id>&<the pipeline's URL filters>.
 * Goes through deals.export (same visibility, filters and sort as the list; scores from SQL).
 */
import { TRPCError } from "@trpc/server";
import { parseDealSearch } from "@/components/deals/deal-search";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { dealsCsv } from "@/server/services/csv-export";
import { serverCaller } from "@/server/trpc/server";
import { isUuid } from "@/server/domain/ids";

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  SERVICE_UNAVAILABLE: 503,
};

export async function GET(request: Request) {
  const url = new URL(request.url);
  const orgId = url.searchParams.get("org");
  if (!orgId || !isUuid(orgId)) return Response.json({ error: "org: Organization not found." }, { status: 404 });
  const { filters, sort } = parseDealSearch(url.searchParams);
  let result;
  try {
    result = await (await serverCaller(orgId)).deals.export({ filters, sort });
  } catch (error) {
    if (error instanceof TRPCError && STATUS[error.code])
      return Response.json({ error: error.message }, { status: STATUS[error.code] });
    // Opening the connection happens before any procedure runs.
    if (isDatabaseUnavailable(error))
      return Response.json(
        { error: "The database is unavailable. Try again in a moment." },
        { status: 503, headers: { "retry-after": "5" } },
      );
    throw error;
  }
  const csv = dealsCsv(result.items);
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

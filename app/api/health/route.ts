import { checkDatabase } from "@/server/db/health";

export const dynamic = "force-dynamic";

/**
 * For load balancers and the fault test: 200 `{"status":"ok"}` when the database answers, 503
 * `{"status":"unavailable"}` while it does not. Anyone can call it, so the answer says nothing more: why the
 * database failed (an address, a driver message) and how long the check took go to the server's log only.
 */
export async function GET() {
  const database = await checkDatabase();
  if (!database.ok) console.error(`[health] database unavailable after ${database.ms} ms: ${database.error}`);
  return Response.json(
    { status: database.ok ? "ok" : "unavailable" },
    { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}

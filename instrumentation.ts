/**
 * Next.js calls register() once when a server instance starts: in the Node.js runtime it installs the rate limit
 * of pages (proxy.ts) and, unless TANDEM_ALIGNMENT_WORKER=off, starts the stored alignment's background worker
 * (server/services/alignment-worker.ts), the webhook deliveries and the review action reminders.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/server/db");
  const database = async () => (await getDatabase()).db;
  // Pages and the CSV export are charged to the rate buckets by proxy.ts (docs/security.md, promise 10).
  const { installPageRateLimit } = await import("@/server/services/page-rate-limit");
  installPageRateLimit(database);
  if (process.env.TANDEM_ALIGNMENT_WORKER === "off") return;
  const [{ startAlignmentWorker }, { startWebhookWorker }, { startReviewReminders }] = await Promise.all([
    import("@/server/services/alignment-worker"),
    import("@/server/services/webhooks-worker"),
    import("@/server/services/review-reminders"),
  ]);
  startWebhookWorker(database); // webhook deliveries (docs/api.md)
  startReviewReminders(database); // review actions due soon / overdue (docs/reviews.md)
  // No signal handler: the timer does not keep the process alive, and a batch cut short rolls back.
  startAlignmentWorker(database);
}

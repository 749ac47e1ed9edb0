/**
 * Next.js calls register() once when a server instance starts: it starts the stored alignment's background
 * worker (server/services/alignment-worker.ts) in the Node.js runtime, unless TANDEM_ALIGNMENT_WORKER=off.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.TANDEM_ALIGNMENT_WORKER === "off") return;
  const [{ getDatabase }, { startAlignmentWorker }] = await Promise.all([
    import("@/server/db"),
    import("@/server/services/alignment-worker"),
  ]);
  // No signal handler: the timer does not keep the process alive, and a batch cut short rolls back.
  startAlignmentWorker(async () => (await getDatabase()).db);
}

/**
 * Shared pieces of the load and fault scripts: paths, logging, and clean-up that always runs. Processes are in
 * processes.ts, signed-in tRPC clients in trpc-client.ts, latency statistics and tables in stats.ts.
 */
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEMO_ADMIN = { email: "admin@acme.test", password: "tandem-demo-2026" };

export const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// Clean-up that always runs: normal end, failure, Ctrl-C, or the overall deadline.

const cleanups: (() => Promise<void> | void)[] = [];
export function onCleanup(fn: () => Promise<void> | void) {
  cleanups.unshift(fn);
}
let cleaning: Promise<void> | undefined;
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups) {
      try {
        await fn();
      } catch (error) {
        console.error("[cleanup]", error);
      }
    }
  })();
  return cleaning;
}

/** Runs `main` with a hard deadline and clean-up on every exit path; exits with main's code. */
export function runScript(name: string, deadlineSeconds: number, main: () => Promise<number>) {
  const deadline = setTimeout(() => {
    console.error(`[${name}] did not finish within ${deadlineSeconds} s: aborting.`);
    void cleanUp().finally(() => process.exit(3));
  }, deadlineSeconds * 1000);
  deadline.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  main()
    .then(async (code) => {
      await cleanUp();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      console.error(`[${name}] failed:`, error);
      await cleanUp();
      process.exit(1);
    });
}

/**
 * Runs in every test file (vitest.config.ts `setupFiles`). Test files share their worker's modules and globalThis
 * (`isolate: false`), so what one file changes outside its database must not reach the next: once a file's own
 * hooks have run, its environment stubs, spies and fake timers are undone, and an outage it simulated is ended.
 */
import { afterAll, vi } from "vitest";
import { noteDatabaseAnswered } from "@/server/db/outage";

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  noteDatabaseAnswered();
});

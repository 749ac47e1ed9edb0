/**
 * What each security test file tried, for the summary `npm run test:security` prints (tests/security/summary.ts):
 * each file tallies its calls in memory and writes them in `afterAll` to SECURITY_SUMMARY_DIR
 * (default .data/security-summary/<file>.json).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Outcome } from "./security";

export const SUMMARY_DIR = process.env.SECURITY_SUMMARY_DIR ?? path.join(process.cwd(), ".data", "security-summary");

export interface Tally {
  file: string;
  procedures: Set<string>;
  /** Who called: "admin", "other org's rep", "signed out"… */
  callers: Set<string>;
  calls: number;
  /** Calls by an outsider: another organization's member, a stranger, a deactivated member, no header, or ids of another organization. */
  foreignCalls: number;
  fuzzInputs: number;
  /** Answers INTERNAL_SERVER_ERROR or SERVICE_UNAVAILABLE (must be 0). */
  serverErrors: number;
  /** Free-form results, e.g. the canary's. */
  notes: string[];
}

export function newTally(file: string): Tally {
  return {
    file,
    procedures: new Set(),
    callers: new Set(),
    calls: 0,
    foreignCalls: 0,
    fuzzInputs: 0,
    serverErrors: 0,
    notes: [],
  };
}

export function count(
  tally: Tally,
  call: { procedure: string; caller: string; outcome: Outcome; foreign?: boolean; fuzz?: boolean },
): void {
  tally.procedures.add(call.procedure);
  tally.callers.add(call.caller);
  tally.calls++;
  if (call.foreign) tally.foreignCalls++;
  if (call.fuzz) tally.fuzzInputs++;
  if (
    !call.outcome.ok &&
    (call.outcome.code === "INTERNAL_SERVER_ERROR" || call.outcome.code === "SERVICE_UNAVAILABLE")
  )
    tally.serverErrors++;
}

export function writeTally(tally: Tally): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  writeFileSync(
    path.join(SUMMARY_DIR, `${tally.file}.json`),
    JSON.stringify({ ...tally, procedures: [...tally.procedures], callers: [...tally.callers] }, null, 2),
  );
}

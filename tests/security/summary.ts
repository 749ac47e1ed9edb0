/**
 * The summary printed after `npm run test:security`: per test file, the procedures and callers tried, the calls
 * (as a foreign organization, fuzz inputs), the 5xx answers (must be 0) and notes such as the canary's result.
 * Reads what the files wrote (tests/helpers/security-summary.ts). Exits non-zero on any 5xx or a missing file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SUMMARY_DIR } from "../helpers/security-summary";

interface Written {
  file: string;
  procedures: string[];
  callers: string[];
  calls: number;
  foreignCalls: number;
  fuzzInputs: number;
  serverErrors: number;
  notes: string[];
}

const files = existsSync(SUMMARY_DIR) ? readdirSync(SUMMARY_DIR).filter((name) => name.endsWith(".json")) : [];
const tallies = files.map((name) => JSON.parse(readFileSync(path.join(SUMMARY_DIR, name), "utf8")) as Written);
const rows = tallies.map((t) => [
  t.file,
  String(t.procedures.length),
  String(t.callers.length),
  String(t.calls),
  String(t.foreignCalls),
  String(t.fuzzInputs),
  String(t.serverErrors),
]);
const total = (pick: (t: Written) => number) => String(tallies.reduce((sum, t) => sum + pick(t), 0));
const allProcedures = new Set(tallies.flatMap((t) => t.procedures));
rows.push([
  "ALL",
  String(allProcedures.size),
  String(new Set(tallies.flatMap((t) => t.callers)).size),
  total((t) => t.calls),
  total((t) => t.foreignCalls),
  total((t) => t.fuzzInputs),
  total((t) => t.serverErrors),
]);
const headers = ["test file", "procedures", "callers", "calls", "as an outsider", "fuzz inputs", "5xx"];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;

console.log("\nSecurity summary (docs/security.md)\n");
if (tallies.length === 0) {
  console.log(`No tallies in ${SUMMARY_DIR}: did the security tests run?`);
  process.exit(1);
}
console.log(line(headers));
console.log(`|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
for (const row of rows) console.log(line(row));
for (const t of tallies) for (const note of t.notes) console.log(`\n${t.file}: ${note}`);
for (const t of tallies) console.log(`\n${t.file} callers: ${t.callers.join(", ")}`);
const errors = tallies.reduce((sum, t) => sum + t.serverErrors, 0);
console.log(errors === 0 ? "\n5xx answers: 0 (goal 0)" : `\n5xx answers: ${errors} (goal 0) — FAILED`);
process.exit(errors === 0 ? 0 : 1);

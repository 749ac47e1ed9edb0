/**
 * The JavaScript budget (issue 13): each route's first-load JavaScript, as transferred, from the production build in
 * .next — fails past 130 kB for the home and 170 kB for any other page. What is transferred is the brotli copy
 * that the build writes next to each chunk and server/http/start.ts sends to every browser that accepts br (all
 * current ones); a gzip figure (level 9, what Next.js sends to the others) is printed beside it. Next 16 prints no
 * sizes, so this reads the build's manifests: the chunks every page loads (build-manifest.json `rootMainFiles`)
 * plus the chunks of every segment of the route (its client reference manifest's `entryJSFiles`: layouts, error
 * and not-found boundaries, the page). Chunks loaded later (next/dynamic, async) are not counted: that is the
 * point of them. Run after `next build`: `npx tsx tests/budget/js-budget.ts`.
 *
 * A route over budget can be held at a ceiling (tests/budget/ceilings.json: its size when the ceiling was set):
 * the check then fails when it grows past its ceiling, or when a route without one is over budget, so nothing gets
 * heavier while a gap is closed. `-- --write-ceilings` records today's sizes for the routes over budget, never
 * above a ceiling already set (docs/home.md has the figures and the framework's floor).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const KB = 1000;
const HOME = "/o/[slug]";
const BUDGET = { home: 130 * KB, other: 170 * KB };
const NEXT = join(process.cwd(), ".next");
const CEILINGS_FILE = join(process.cwd(), "tests", "budget", "ceilings.json");
const ceilings: Record<string, number> = existsSync(CEILINGS_FILE)
  ? (JSON.parse(readFileSync(CEILINGS_FILE, "utf8")) as Record<string, number>)
  : {};

function manifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return manifests(path);
    return entry.name === "page_client-reference-manifest.js" ? [path] : [];
  });
}

type Manifest = { entryJSFiles?: Record<string, string[]> };

function readManifest(path: string): Manifest {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, Manifest> } };
  runInNewContext(readFileSync(path, "utf8"), sandbox);
  return Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0] ?? {};
}

const sizes = new Map<string, { brotli: number; gzip: number }>();
function size(file: string): { brotli: number; gzip: number } {
  const known = sizes.get(file);
  if (known) return known;
  const path = join(NEXT, file.replace(/^\/?_next\//, "").replace(/^\//, ""));
  if (!existsSync(`${path}.br`)) {
    console.error(`No brotli copy of ${file}: next.config.mjs's runAfterProductionCompile writes them at build time.`);
    process.exit(1);
  }
  const measured = { brotli: statSync(`${path}.br`).size, gzip: gzipSync(readFileSync(path), { level: 9 }).length };
  sizes.set(file, measured);
  return measured;
}
const total = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => ({ brotli: sum.brotli + size(file).brotli, gzip: sum.gzip + size(file).gzip }), {
    brotli: 0,
    gzip: 0,
  });

const root = (JSON.parse(readFileSync(join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] })
  .rootMainFiles;
const appDir = join(NEXT, "server", "app");
const rows = manifests(appDir)
  .map((path) => {
    const route = `/${relative(appDir, path)}`.replace(/\/?page_client-reference-manifest\.js$/, "") || "/";
    const files = new Set([...root, ...Object.values(readManifest(path).entryJSFiles ?? {}).flat()]);
    const { brotli: bytes, gzip } = total(files);
    const budget = route === HOME ? BUDGET.home : BUDGET.other;
    const ceiling = ceilings[route];
    return {
      route,
      bytes,
      gzip,
      budget,
      ceiling,
      over: bytes > budget,
      failing: bytes > Math.max(budget, ceiling ?? 0),
    };
  })
  .filter((row) => !row.route.startsWith("/_"))
  .sort((a, b) => a.route.localeCompare(b.route));

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
if (rows.length === 0) {
  console.error("No route found in .next: run `next build` first.");
  process.exit(1);
}
if (process.argv.includes("--write-ceilings")) {
  const next = Object.fromEntries(
    rows.filter((row) => row.over).map((row) => [row.route, Math.min(row.bytes, row.ceiling ?? Infinity)]),
  );
  writeFileSync(CEILINGS_FILE, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`Wrote ${Object.keys(next).length} ceilings to ${relative(process.cwd(), CEILINGS_FILE)}.`);
}
const runtime = total(root);
console.log(
  `React and the Next.js runtime, loaded by every page (rootMainFiles): ${kb(runtime.brotli)} brotli (${kb(runtime.gzip)} gzip).`,
);
console.log("First-load JavaScript per route, as transferred (brotli; gzip for browsers without br):");
for (const row of rows) {
  const mark = row.failing ? "✗" : row.over ? "!" : "✓";
  const limit = row.ceiling ? `budget ${kb(row.budget)}, ceiling ${kb(row.ceiling)}` : `budget ${kb(row.budget)}`;
  console.log(`${mark} ${row.route.padEnd(40)} ${kb(row.bytes).padStart(10)} ${kb(row.gzip).padStart(10)}  (${limit})`);
}
const over = rows.filter((row) => row.over);
const failing = rows.filter((row) => row.failing);
if (over.length > 0) console.log(`${over.length} route(s) over budget ("!"), held at their ceilings.`);
if (failing.length > 0 && !process.argv.includes("--write-ceilings")) {
  console.error(`${failing.length} route(s) past their budget or ceiling ("✗").`);
  process.exit(1);
}

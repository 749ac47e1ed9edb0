/**
 * The production server (`npm start`): Next.js's request handler behind one addition — the build's brotli copies
 * of scripts and styles for browsers that accept br (server/http/brotli-static.ts), since Next.js only gzips.
 * Options as those of `next start`: `-p`/`--port` (or PORT, default 3000) and `-H`/`--hostname` (default all
 * interfaces). Next.js's server installs its own process error handlers (a stray error is logged, not fatal),
 * custom server or not.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { brotliStaticHandler } from "./brotli-static";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
// Before Next.js loads: it reads NODE_ENV when its modules are first imported.
(process.env as Record<string, string>).NODE_ENV = "production";
const { default: next } = await import("next");

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const serveBrotli = brotliStaticHandler(join(process.cwd(), ".next"));
const server = createServer((request, response) => {
  if (!serveBrotli(request, response)) void handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`▲ Tandem ready on http://${hostname ?? "localhost"}:${port}`);
});

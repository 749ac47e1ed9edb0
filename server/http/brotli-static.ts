/**
 * Serves the build's brotli copies of /_next/static scripts and styles (written by next.config.mjs at build time)
 * to browsers that accept br; everything else, and any browser that does not, falls through to Next.js, which
 * gzips. Static files are content-hashed, so they are cached for a year like Next.js's own.
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const CONTENT_TYPES: Record<string, string> = {
  js: "application/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

/** Whether an Accept-Encoding header accepts brotli (`br`, or `*`, with a quality above 0). */
export function acceptsBrotli(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (coding !== "br" && coding !== "*") return false;
    const quality = params.find((param) => param.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

interface Precompressed {
  file: string;
  size: number;
  contentType: string;
}

/** The brotli copies under `<nextDir>/static`, by the URL path of the file they compress. */
function precompressedFiles(nextDir: string): Map<string, Precompressed> {
  const staticDir = join(nextDir, "static");
  const files = new Map<string, Precompressed>();
  let names: string[] = [];
  try {
    names = readdirSync(staticDir, { recursive: true, encoding: "utf8" });
  } catch {
    return files; // no build: Next.js answers (and fails) on its own
  }
  for (const name of names) {
    const [, original, extension] = /^(.*\.(js|css))\.br$/.exec(name) ?? [];
    const contentType = CONTENT_TYPES[extension ?? ""];
    if (!original || !contentType) continue;
    const file = join(staticDir, name);
    const urlPath = `/_next/static/${original.split(/[\\/]/).join("/")}`;
    files.set(urlPath, { file, size: statSync(file).size, contentType });
  }
  return files;
}

/**
 * A request handler that answers with a brotli copy when there is one and the browser accepts it, and returns
 * false otherwise (the caller hands the request to Next.js). The copies are listed once: a build is immutable.
 */
export function brotliStaticHandler(nextDir: string) {
  const files = precompressedFiles(nextDir);
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const copy = files.get((request.url ?? "").split("?", 1)[0] ?? "");
    if (!copy || !acceptsBrotli(request.headers["accept-encoding"])) return false;
    response.writeHead(200, {
      "Content-Type": copy.contentType,
      "Content-Encoding": "br",
      "Content-Length": copy.size,
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
      // The same headers as every other response (proxy.ts does not run for these).
      ...securityHeaders(contentSecurityPolicy(newNonce(), false)),
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(copy.file).pipe(response);
    return true;
  };
}

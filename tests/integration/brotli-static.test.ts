import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliStaticHandler } from "@/server/http/brotli-static";

/** The production server's brotli copies (server/http/start.ts) on a real HTTP server over a build-like folder. */
const SCRIPT = "console.log('tandem');\n".repeat(200);
let dir: string;
let server: Server;
let base: string;

/** A raw request: fetch would decode the body and hide what was transferred. */
function get(path: string, headers: Record<string, string>, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tandem-brotli-"));
  mkdirSync(join(dir, "static", "chunks"), { recursive: true });
  writeFileSync(join(dir, "static", "chunks", "app.js"), SCRIPT);
  writeFileSync(join(dir, "static", "chunks", "app.js.br"), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, "static", "chunks", "plain.js"), SCRIPT); // no copy: Next.js answers
  const serve = brotliStaticHandler(dir);
  server = createServer((request, response) => {
    if (serve(request, response)) return;
    response.writeHead(200, { "X-Answered-By": "next" }).end("fallback");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the brotli copies of static files", () => {
  it("answers a browser that accepts br with the copy, cached for a year, with the security headers", async () => {
    const response = await get("/_next/static/chunks/app.js?v=1", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers["vary"]).toBe("Accept-Encoding");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  it("answers HEAD with the headers only", async () => {
    const response = await get("/_next/static/chunks/app.js", { "Accept-Encoding": "br" }, "HEAD");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.body.length).toBe(0);
  });

  it("leaves to Next.js a browser without br, a file without a copy, other paths and other methods", async () => {
    const cases = [
      get("/_next/static/chunks/app.js", { "Accept-Encoding": "gzip, deflate" }),
      get("/_next/static/chunks/app.js", { "Accept-Encoding": "gzip, br;q=0" }),
      get("/_next/static/chunks/plain.js", { "Accept-Encoding": "br" }),
      get("/_next/static/chunks/app.js.br", { "Accept-Encoding": "br" }),
      get("/o/acme", { "Accept-Encoding": "br" }),
      get("/_next/static/chunks/app.js", { "Accept-Encoding": "br" }, "POST"),
    ];
    for (const [index, response] of (await Promise.all(cases)).entries()) {
      expect(response.headers["x-answered-by"], `case ${index}`).toBe("next");
      expect(response.headers["content-encoding"]).toBeUndefined();
    }
  });
});

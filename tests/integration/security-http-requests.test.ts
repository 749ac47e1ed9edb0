/**
 * The tRPC HTTP endpoint as a browser or an attacker reaches it (`server/trpc/http.ts`, behind
 * app/api/trpc/[trpc]/route.ts): cross-site mutations and mutations over GET are refused, bodies over the limit
 * answer 413 before parsing, a stale save answers 409 with the current record, an unreachable database answers 503,
 * and an unexpected error never shows its internals. Batches: security-http-batch.test.ts.
 */
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { accounts, deals, organizations } from "@/db/schema";
import { bodyLimitFor, DEFAULT_BODY_LIMIT, handleTrpcRequest, procedurePaths } from "@/server/trpc/http";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/trpc/init";
import { BASE, send } from "../helpers/http";
import { listProcedures } from "../helpers/security";
import { db, org, useHttpWorld } from "./security-http-fixtures";

const procedures = listProcedures();

describe("tRPC over HTTP", () => {
  useHttpWorld();

  describe("cross-site request forgery", () => {
    const rename = (name: string, headers: Record<string, string>) =>
      send(db, { user: org.admin, orgId: org.id }, "/api/trpc/org.rename", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(superjson.serialize({ name })),
      });
    const orgName = async () =>
      (await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, org.id)))[0]?.name;

    it("a mutation from another site's page (Origin: https://evil.example) is refused with 403 and does nothing", async () => {
      const before = await orgName();
      for (const origin of ["https://evil.example", "http://tandem.test.evil.example", "null", "not a url"]) {
        const response = await rename("Pwned Inc", { origin });
        expect(response.status, origin).toBe(403);
      }
      expect(await orgName()).toBe(before);
    });

    it("the same mutation from the app's own origin goes through", async () => {
      const response = await rename("Initech Renamed", { origin: BASE });
      expect(response.status).toBe(200);
      expect(await orgName()).toBe("Initech Renamed");
    });

    it("a mutation cannot be sent as a GET (which carries no Origin check): 405, nothing changes", async () => {
      const before = await orgName();
      const response = await send(
        db,
        { user: org.admin, orgId: org.id },
        `/api/trpc/org.rename?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ name: "Via GET" })))}`,
      );
      expect(response.status).toBe(405);
      expect(await orgName()).toBe(before);
    });
  });

  describe("request body limit", () => {
    const renameBody = (bytes: number) => JSON.stringify(superjson.serialize({ name: "x".repeat(bytes) }));

    it("the limit table: 1 MB by default, more only for the listed procedures, the largest in a batch", () => {
      expect(DEFAULT_BODY_LIMIT).toBe(1024 * 1024);
      expect(bodyLimitFor(procedurePaths(new URL("/api/trpc/org.rename", BASE)))).toBe(DEFAULT_BODY_LIMIT);
      expect(bodyLimitFor(["imports.preview"])).toBeGreaterThanOrEqual(5 * 1024 * 1024 + 1);
      expect(bodyLimitFor(["org.rename", "imports.preview"])).toBe(bodyLimitFor(["imports.preview"]));
      expect(bodyLimitFor(["imports.preview"])).toBeLessThanOrEqual(10 * 1024 * 1024); // Next's proxy buffers at most 10 MB
      expect(procedurePaths(new URL("/api/trpc/a.b,c.d?batch=1", BASE))).toEqual(["a.b", "c.d"]);
    });

    it("a declared Content-Length over the limit → 413 PAYLOAD_TOO_LARGE, nothing runs", async () => {
      const body = renameBody(2 * 1024 * 1024);
      const response = await send(db, { user: org.admin, orgId: org.id }, "/api/trpc/org.rename", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(body.length) },
        body,
      });
      expect(response.status).toBe(413);
      expect(JSON.stringify(await response.json())).toContain("PAYLOAD_TOO_LARGE");
    });

    it("a streamed body without Content-Length is cut off once it passes the limit → 413", async () => {
      let sent = 0;
      const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          // An endless body: only the limit stops it.
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const response = await send(db, { user: org.admin, orgId: org.id }, "/api/trpc/org.rename", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(DEFAULT_BODY_LIMIT + 4 * chunk.byteLength);
    });

    it("a body just under the limit is parsed (and refused by validation instead)", async () => {
      const body = renameBody(DEFAULT_BODY_LIMIT - 1000);
      const response = await send(db, { user: org.admin, orgId: org.id }, "/api/trpc/org.rename", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(400);
    });

    it("an import procedure accepts a 5 MB body (a CSV upload)", async () => {
      const importMutation = procedures.find((p) => p.path === "imports.preview");
      expect(importMutation?.type).toBe("mutation");
      const body = JSON.stringify(superjson.serialize({ csv: "a,b\n".repeat((5 * 1024 * 1024) / 4) }));
      const response = await send(db, { user: org.admin, orgId: org.id }, "/api/trpc/imports.preview", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).not.toBe(413);
    });
  });

  describe("a stale save", () => {
    it("answers 409 CONFLICT with the record as it is now in data.current", async () => {
      const accountId = crypto.randomUUID();
      const dealId = crypto.randomUUID();
      await db.insert(accounts).values({ orgId: org.id, id: accountId, name: "Stale Co", ownerId: org.admin.id });
      await db.insert(deals).values({
        orgId: org.id,
        id: dealId,
        accountId,
        name: "Stale deal",
        amount: "700.00",
        ownerId: org.admin.id,
        version: 2,
      });
      const response = await send(db, { user: org.admin, orgId: org.id }, "/api/trpc/deals.update", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize({ dealId, version: 1, amount: "1.00" })),
      });
      expect(response.status).toBe(409);
      const envelope = (await response.json()) as { error: { json: { data: { code: string; current: unknown } } } };
      expect(envelope.error.json.data.code).toBe("CONFLICT");
      expect(envelope.error.json.data.current).toMatchObject({
        id: dealId,
        name: "Stale deal",
        amount: "700.00",
        version: 2,
      });
      const [unchanged] = await db.select({ amount: deals.amount }).from(deals).where(eq(deals.id, dealId));
      expect(unchanged?.amount).toBe("700.00");
    });
  });

  describe("the database unavailable → 503, never 500", () => {
    it("a procedure whose database refuses connections answers SERVICE_UNAVAILABLE (HTTP 503)", async () => {
      // Port 1 on loopback: nothing listens, the connection is refused at once.
      const down = openDatabase({ url: "postgres://postgres@127.0.0.1:1/nothing", max: 1 });
      try {
        for (const [path, session] of [
          ["org.current", { user: org.admin, orgId: org.id }],
          ["me.get", { user: org.admin }],
          ["onboarding.invitation", { user: null }],
        ] as const) {
          const input =
            path === "onboarding.invitation"
              ? `?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ token: "x".repeat(40) })))}`
              : "";
          const response = await send(down.db, session, `/api/trpc/${path}${input}`);
          expect(response.status, path).toBe(503);
          const body = JSON.stringify(await response.json());
          expect(body, path).toContain("SERVICE_UNAVAILABLE");
          expect(body, path).toContain(DATABASE_UNAVAILABLE_MESSAGE);
          expect(body, path).not.toContain("ECONNREFUSED");
        }
      } finally {
        await down.close();
      }
    });

    it("a context that cannot open the database (first request after start-up) → 503", async () => {
      const request = new Request(`${BASE}/api/trpc/org.current`, { headers: { host: "tandem.test" } });
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      const response = await handleTrpcRequest(request, () => Promise.reject(refused));
      expect(response.status).toBe(503);
      expect(JSON.stringify(await response.json())).toContain("SERVICE_UNAVAILABLE");
    });

    it("Postgres shutting down or starting up (57P01, 57P03) → 503", async () => {
      for (const code of ["57P01", "57P03", "08006"]) {
        const failing = new Proxy(db, {
          get(target, key, receiver) {
            if (key === "transaction")
              return () =>
                Promise.reject(
                  Object.assign(new Error("terminating connection due to administrator command"), { code }),
                );
            return Reflect.get(target, key, receiver) as unknown;
          },
        });
        const response = await send(failing, { user: org.admin, orgId: org.id }, "/api/trpc/org.current");
        expect(response.status, code).toBe(503);
      }
    });

    it("an unexpected error answers 500 with a generic message: no SQL, no parameters, no stack", async () => {
      const broken = new Proxy(db, {
        get(target, key, receiver) {
          if (key === "transaction")
            return () =>
              Promise.reject(
                new Error("Failed query: select password_hash from users where email = $1 params: secret@example.test"),
              );
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const response = await send(broken, { user: org.admin, orgId: org.id }, "/api/trpc/org.current");
      expect(response.status).toBe(500);
      const body = JSON.stringify(await response.json());
      expect(body).toContain("INTERNAL_SERVER_ERROR");
      expect(body).not.toMatch(/password_hash|secret@example|Failed query|stack/);
    });
  });
});

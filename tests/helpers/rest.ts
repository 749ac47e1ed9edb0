/** Helpers for the REST API tests: API keys made through the app's own router, and requests through the handler. */
import type { Database } from "@/db/client";
import type { ApiScope } from "@/server/authz/api-role";
import { handleRestRequest } from "@/server/api/handler";
import { callerFor } from "./fixtures";

export async function createKey(
  db: Database,
  admin: { id: string },
  orgId: string,
  scope: ApiScope,
  expiresAt: Date | null = null,
): Promise<{ id: string; key: string }> {
  return callerFor(db, admin, orgId).apiKeys.create({ name: `${scope} key`, scope, expiresAt });
}

export interface RestAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One request to /api/v1/<path> with the key as a Bearer token. */
export async function rest(
  db: Database,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<RestAnswer> {
  const headers = new Headers();
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://tandem.test/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handleRestRequest(db, request);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The method and URL path (path parameters filled, flat query for GET/DELETE) and body of a route's input. */
export function requestFor(route: { method: string; path: string }, input: unknown): { path: string; body?: unknown } {
  const fields = { ...((input ?? {}) as Record<string, unknown>) };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(fields[name]);
    delete fields[name];
    return encodeURIComponent(value);
  });
  if (route.method === "GET" || route.method === "DELETE") {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && value !== null && typeof value !== "object") query.set(name, String(value));
    }
    const text = query.toString();
    return { path: text ? `${path}?${text}` : path };
  }
  return { path, body: fields };
}

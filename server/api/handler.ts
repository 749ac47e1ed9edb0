/**
 * The REST endpoint (`/api/v1/…`, docs/api.md): checks the request's API key (401 unknown/revoked/expired,
 * 429 over its rate), then lets trpc-to-openapi route it to the REST router with a context that carries the key.
 */
import { createOpenApiFetchHandler, generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import type { Database } from "@/db/client";
import { appReplicas } from "@/server/db/replicas";
import { authenticateApiKey, bearerKey } from "@/server/services/api-keys";
import { DEFAULT_BODY_LIMIT } from "@/server/trpc/http";
import { createContext } from "@/server/trpc/init";
import { restRouter } from "./rest-router";

export const REST_ENDPOINT = "/api/v1";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export async function handleRestRequest(db: Database, request: Request): Promise<Response> {
  const check = await authenticateApiKey(db, bearerKey(request.headers));
  if (!check.ok) {
    const code = check.status === 401 ? "UNAUTHORIZED" : "TOO_MANY_REQUESTS";
    const headers: Record<string, string> =
      check.status === 401 ? { "www-authenticate": "Bearer" } : { "retry-after": String(check.retryAfterSeconds ?? 1) };
    return json(check.status, { code, message: check.message }, headers);
  }
  // Bodies are capped like the app's (1 MB): Next's proxy already stops at 10 MB, this refuses the rest.
  const body = request.body ? await request.arrayBuffer() : null;
  if (body && body.byteLength > DEFAULT_BODY_LIMIT) {
    return json(413, { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than 1024 KB." });
  }
  return createOpenApiFetchHandler({
    endpoint: REST_ENDPOINT,
    router: restRouter,
    req: body ? new Request(request, { body }) : request,
    createContext: () =>
      createContext({ db, session: null, headers: request.headers, apiKey: check.principal, replicas: appReplicas() }),
  });
}

let document: OpenAPIObject | null = null;

/** The OpenAPI 3.1 document of the REST API, generated once from the REST router. */
export function openApiDocument(baseUrl: string): OpenAPIObject {
  document ??= generateOpenApiDocument(restRouter, {
    title: "Tandem API",
    version: "1.0.0",
    openApiVersion: "3.1.0",
    description:
      "The organization's accounts, contacts, deals, stakeholders, goals, strategies and alignment scores. " +
      "Authenticate with an API key from Settings: `Authorization: Bearer tdm_…`.",
    baseUrl,
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key (tdm_…)" } },
  });
  return { ...document, servers: [{ url: baseUrl }] };
}

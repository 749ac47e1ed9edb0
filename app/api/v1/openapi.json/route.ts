import { openApiDocument, REST_ENDPOINT } from "@/server/api/handler";

/** The REST API's OpenAPI 3.1 document; public, like any API reference. */
export function GET(request: Request) {
  const origin = new URL(request.url).origin;
  return Response.json(openApiDocument(`${origin}${REST_ENDPOINT}`));
}

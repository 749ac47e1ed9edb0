import { headers } from "next/headers";
import { ApiReference } from "@/components/settings/api-docs";
import { PageHeader } from "@/components/ui";
import { openApiDocument, REST_ENDPOINT } from "@/server/api/handler";

export const metadata = { title: "API reference" };

/** The REST API's reference, browsable without signing in (docs/api.md). */
export default async function ApiDocsPage() {
  const host = (await headers()).get("host") ?? "localhost";
  const base = `${host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https"}://${host}${REST_ENDPOINT}`;
  const document = openApiDocument(base);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="Tandem REST API" />
      <p className="text-sm text-slate-600">
        Base URL <code>{base}</code>. Send an API key from Settings → API keys as{" "}
        <code>Authorization: Bearer tdm_…</code>. The machine-readable document:{" "}
        <a className="underline" href={`${REST_ENDPOINT}/openapi.json`}>
          openapi.json
        </a>{" "}
        (OpenAPI 3.1).
      </p>
      <ApiReference document={document} />
    </main>
  );
}

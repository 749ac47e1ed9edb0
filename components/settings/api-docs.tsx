import type { OpenAPIObject } from "trpc-to-openapi";
import { Badge, Card } from "@/components/ui";

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

function Schema({ label, schema }: { label: string; schema: unknown }) {
  if (schema === undefined) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600">{label}</summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

/** A plain reference of the REST API rendered on the server from its OpenAPI document: no script, nothing fetched. */
export function ApiReference({ document }: { document: OpenAPIObject }) {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
  );
  const tags = [...new Set(operations.map(({ operation }) => operation.tags?.[0] ?? "other"))];
  return (
    <div className="space-y-6">
      {tags.map((tag) => (
        <Card key={tag} title={tag}>
          <ul className="space-y-4">
            {operations
              .filter(({ operation }) => (operation.tags?.[0] ?? "other") === tag)
              .map(({ path, method, operation }) => (
                <li key={`${method} ${path}`} id={operation.operationId} className="space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={method === "get" ? "green" : method === "delete" ? "red" : "amber"}>
                      {method.toUpperCase()}
                    </Badge>
                    <code className="font-mono text-sm">{path}</code>
                    <span className="text-sm text-slate-600">{operation.summary}</span>
                  </div>
                  {operation.parameters?.length ? (
                    <p className="text-xs text-slate-500">
                      Parameters:{" "}
                      {operation.parameters
                        .map(
                          (parameter) => `${parameter.name} (${parameter.in}${parameter.required ? ", required" : ""})`,
                        )
                        .join(", ")}
                    </p>
                  ) : null}
                  <Schema label="Request body" schema={operation.requestBody?.content?.["application/json"]?.schema} />
                  <Schema
                    label="Response (200)"
                    schema={operation.responses?.["200"]?.content?.["application/json"]?.schema}
                  />
                </li>
              ))}
          </ul>
        </Card>
      ))}
      <Card title="Schemas">
        <Schema label="components" schema={document.components} />
      </Card>
    </div>
  );
}

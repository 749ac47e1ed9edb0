"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState } from "@/components/ui";
import { TemplateEditor, type EditedTemplate } from "./template-editor";

type Template = EditedTemplate & { archived: boolean };

const stepCount = (template: Template) => `${template.steps.length} ${template.steps.length === 1 ? "step" : "steps"}`;

/** The admin's plan templates: the active ones, the archived ones, and the editor for a new or an existing one. */
export function PlanTemplates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.planTemplates.list.queryOptions({ includeArchived: true }));
  /** "new", a template's id, or null when no editor is open. */
  const [editing, setEditing] = useState<string | null>(null);
  const newButton = useId();
  /** Set when the editor closes: the focus goes back to "New template" rather than to the page's start. */
  const refocus = useRef(false);
  useEffect(() => {
    if (editing !== null || !refocus.current) return;
    refocus.current = false;
    document.getElementById(newButton)?.focus();
  });
  const closeEditor = () => {
    refocus.current = true;
    setEditing(null);
  };
  const archive = useMutation(
    trpc.planTemplates.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.planTemplates.pathKey() }),
    }),
  );
  const edited = templates.data?.find((template) => template.id === editing);
  const active = templates.data?.filter((template) => !template.archived) ?? [];
  const archived = templates.data?.filter((template) => template.archived) ?? [];

  const row = (template: Template) => (
    <li key={template.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-900">{template.name}</span>
          <Badge tone={template.archived ? "slate" : "brand"}>{stepCount(template)}</Badge>
        </p>
        {template.description ? <p className="mt-0.5 text-slate-600">{template.description}</p> : null}
      </div>
      <span className="flex items-center gap-2">
        <Button
          variant="ghost"
          aria-label={`Edit ${template.name}`}
          disabled={editing !== null}
          onClick={() => setEditing(template.id)}
        >
          Edit
        </Button>
        {template.archived ? (
          <Button
            variant="secondary"
            aria-label={`Restore ${template.name}`}
            disabled={archive.isPending}
            onClick={() => archive.mutate({ templateId: template.id, archived: false })}
          >
            Restore
          </Button>
        ) : (
          <ConfirmButton
            label="Archive"
            title={`Archive “${template.name}”?`}
            confirmLabel="Archive"
            disabled={archive.isPending || editing === template.id}
            onConfirm={() => archive.mutate({ templateId: template.id, archived: true })}
          >
            It will no longer be offered when someone starts an account plan. Plans already started from it keep their
            steps. You can restore it later.
          </ConfirmButton>
        )}
      </span>
    </li>
  );

  return (
    <div className="space-y-6">
      {editing !== null && (editing === "new" || edited) ? (
        <Card title={edited ? `Edit “${edited.name}”` : "New template"}>
          <TemplateEditor key={editing} template={edited} onDone={closeEditor} />
        </Card>
      ) : null}
      <Card
        title="Templates"
        actions={
          editing === null ? (
            <Button id={newButton} variant="secondary" onClick={() => setEditing("new")}>
              New template
            </Button>
          ) : null
        }
      >
        {archive.error ? <Alert>{errorMessage(archive.error)}</Alert> : null}
        {templates.isPending ? (
          <p role="status" className="text-sm text-slate-500">
            Loading…
          </p>
        ) : templates.isError ? (
          <Alert>{errorMessage(templates.error)}</Alert>
        ) : active.length === 0 ? (
          <EmptyState title={archived.length > 0 ? "No active template" : "No plan templates yet"}>
            A template is a ready-made mutual action plan, e.g. “Enterprise pilot: 12 steps”. When someone starts an
            account plan they can pick one: the plan gets its steps, each on our side or the customer’s, due so many
            days after the start and waiting for the steps before it.
          </EmptyState>
        ) : (
          <ul aria-label="Active templates" className="divide-y divide-slate-100">
            {active.map(row)}
          </ul>
        )}
      </Card>
      {archived.length > 0 ? (
        <Card title="Archived templates">
          <p className="text-sm text-slate-600">Not offered for new plans. Restore one to offer it again.</p>
          <ul aria-label="Archived templates" className="mt-2 divide-y divide-slate-100">
            {archived.map(row)}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

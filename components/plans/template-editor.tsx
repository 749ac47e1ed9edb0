"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { FormActions } from "@/components/form-actions";
import { errorMessage, pathErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button, Field, Input } from "@/components/ui";
import type { TemplateStep } from "@/server/domain/plan-templates";
import { moveBlocker, moveStep, removeStep } from "./template-steps";
import { stepControlId, TemplateStepFields, type DraftStep, type StepAction } from "./template-step-fields";

/** Draft steps' keys, unique on the page. */
let lastKey = 0;
const newKey = () => `step${++lastKey}`;

/** The most steps a template holds (server/domain/plan-templates.ts). */
const MAX_STEPS = 100;

export interface EditedTemplate {
  id: string;
  name: string;
  description: string;
  steps: TemplateStep[];
}

/**
 * Creating or editing a plan template: name, description and its ordered steps. The draft stays as typed until a
 * save succeeds, so nothing is lost on an error; errors show at their fields.
 */
export function TemplateEditor({ template, onDone }: { template?: EditedTemplate; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const idPrefix = useId();
  const [name, setName] = useState(template?.name ?? "");
  const [description, setDescription] = useState(template?.description ?? "");
  const [steps, setSteps] = useState<DraftStep[]>(() =>
    (template?.steps ?? []).map((step) => ({ ...step, key: newKey(), offsetDays: String(step.offsetDays) })),
  );
  const [notice, setNotice] = useState("");
  /** The control to focus once the list has re-rendered (after adding, moving or removing a step). */
  const focus = useRef<string | null>(null);
  const setFocus = (id: string) => {
    focus.current = id;
  };
  useEffect(() => {
    if (focus.current === null) return;
    document.getElementById(focus.current)?.focus();
    focus.current = null;
  });

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.planTemplates.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.planTemplates.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.planTemplates.update.mutationOptions({ onSuccess: done }));
  const save = template ? update : create;
  const errors = pathErrors(save.error);
  const stepErrors = (index: number) => ({
    title: errors[`steps.${index}.title`],
    offsetDays: errors[`steps.${index}.offsetDays`],
    dependsOn: Object.entries(errors).find(([path]) => path.startsWith(`steps.${index}.dependsOn`))?.[1],
  });
  const shownAtField = (path: string) => path === "name" || path === "description" || /^steps\.\d+\./.test(path);
  const otherError = save.error && !Object.keys(errors).some(shownAtField) ? errorMessage(save.error) : null;

  function act(index: number, action: StepAction) {
    const step = steps[index]!;
    if (action === "remove") {
      const following = steps[index + 1] ?? steps[index - 1];
      setSteps(removeStep(steps, index));
      setNotice(`Step ${index + 1} removed.`);
      setFocus(following ? stepControlId(idPrefix, following.key, "title") : `${idPrefix}-add`);
      return;
    }
    const to = action === "up" ? index - 1 : index + 1;
    const moved = moveStep(steps, index, to);
    if (!moved) {
      setNotice(`${moveBlocker(steps, index, to)} Untick it first to move the step.`);
      return;
    }
    setSteps(moved);
    setNotice(`Step ${index + 1} is now step ${to + 1}.`);
    const atEnd = action === "up" ? to === 0 : to === steps.length - 1;
    setFocus(stepControlId(idPrefix, step.key, atEnd ? (action === "up" ? "down" : "up") : action));
  }

  function addStep() {
    const key = newKey();
    const offsetDays = steps.at(-1)?.offsetDays ?? "0";
    setSteps([...steps, { key, title: "", side: "us", offsetDays, dependsOn: [] }]);
    setNotice("");
    setFocus(stepControlId(idPrefix, key, "title"));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const payload = {
      name,
      description,
      steps: steps.map(({ title, side, offsetDays, dependsOn }) => ({
        title,
        side,
        offsetDays: Number(offsetDays),
        dependsOn,
      })),
    };
    if (template) update.mutate({ templateId: template.id, ...payload });
    else create.mutate(payload);
  }

  return (
    <form className="space-y-4" aria-label={template ? `Edit ${template.name}` : "New template"} onSubmit={onSubmit}>
      {otherError ? <Alert>{otherError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" error={errors.name} hint="e.g. “Enterprise pilot”. Unique in the organization.">
          <Input
            required
            autoFocus
            maxLength={120}
            value={name}
            aria-invalid={errors.name ? true : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field label="Description" error={errors.description} hint="Optional: when to use it.">
          <Input
            maxLength={1000}
            value={description}
            aria-invalid={errors.description ? true : undefined}
            onChange={(event) => setDescription(event.target.value)}
          />
        </Field>
      </div>
      <section aria-labelledby={`${idPrefix}-steps`} className="space-y-3 rounded-md bg-slate-50 p-3">
        <h3 id={`${idPrefix}-steps`} className="text-sm font-semibold text-slate-800">
          Steps ({steps.length})
        </h3>
        {steps.length === 0 ? (
          <p className="text-sm text-slate-600">
            No steps yet. Each step is on our side or the customer’s, due some days after the plan starts, and may wait
            for earlier steps.
          </p>
        ) : (
          <ol className="space-y-3">
            {steps.map((step, index) => (
              <li key={step.key}>
                <TemplateStepFields
                  idPrefix={idPrefix}
                  step={step}
                  index={index}
                  earlier={steps.slice(0, index)}
                  last={index === steps.length - 1}
                  errors={stepErrors(index)}
                  onChange={(patch) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)))}
                  onAction={(action) => act(index, action)}
                />
              </li>
            ))}
          </ol>
        )}
        <p role="status" className="text-sm text-slate-600">
          {notice}
        </p>
        <Button id={`${idPrefix}-add`} variant="secondary" disabled={steps.length >= MAX_STEPS} onClick={addStep}>
          Add step
        </Button>
      </section>
      <FormActions
        saveLabel={save.isPending ? "Saving…" : template ? "Save template" : "Create template"}
        disabled={save.isPending}
        onCancel={onDone}
      />
    </form>
  );
}

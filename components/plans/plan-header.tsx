"use client";
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Badge } from "@/components/ui";
import { PLAN_STATUS_LABELS } from "./labels";
import { describeBy, type FieldSpec } from "./plan-fields";
import type { Plan } from "./plan-view";
import { useInlineEdit } from "./use-inline-edit";

type HeaderKey = "title" | "customerObjectives";
type HeaderPatch = Partial<Pick<Plan, HeaderKey>>;

const HEADER_FIELDS = [
  { key: "title", label: "Title", required: true, wide: true },
  { key: "customerObjectives", label: "Customer objectives", kind: "textarea" },
] as const satisfies readonly FieldSpec<HeaderKey>[];

const describePlan = describeBy(HEADER_FIELDS);

/**
 * The plan's title and customer objectives, edited in place by its editors as a step's fields are
 * (`useInlineEdit`): a stale save shows the plan as it is now next to the change, to re-apply or discard.
 * Viewers read them; empty objectives are hidden from them and offered to editors to fill.
 */
export function PlanHeader({
  plan,
  canEdit,
  refresh,
  children,
}: {
  plan: Plan;
  canEdit: boolean;
  refresh: () => void;
  /** Shown between the title and the objectives (access, who is here). */
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const update = useMutation(trpc.plans.update.mutationOptions());
  const { field, feedback } = useInlineEdit<HeaderKey, HeaderPatch>({
    what: "plan",
    name: plan.title,
    version: plan.version,
    values: plan,
    specs: HEADER_FIELDS,
    describe: describePlan,
    canEdit,
    save: (version, patch) => update.mutateAsync({ planId: plan.id, version, ...patch }),
    refresh,
  });
  return (
    <>
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
        {field("title", plan.title)}
        <Badge tone={plan.status === "archived" ? "slate" : "green"}>{PLAN_STATUS_LABELS[plan.status]}</Badge>
      </h1>
      {children}
      {feedback ? <div className="mt-3 max-w-3xl">{feedback}</div> : null}
      {plan.customerObjectives || canEdit ? (
        <div className="mt-3 max-w-3xl rounded-md bg-white p-3 text-sm text-slate-800 ring-1 ring-slate-200">
          <h2 className="font-semibold">Customer objectives</h2>
          {field("customerObjectives", plan.customerObjectives || "None yet: what does the customer want to achieve?")}
        </div>
      ) : null}
    </>
  );
}

"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { cx } from "@/components/ui";
import type { AppRouter } from "@/server/trpc/root";
import { PlanHeader } from "./plan-header";
import { PlanLiveBar } from "./plan-live";
import { PlanProblems } from "./plan-problems";
import { PlanStakeholders } from "./plan-stakeholders";
import { PlanSteps } from "./plan-steps";

/** The less used tabs load their code when first shown (the page's JS budget, tests/budget/ceilings.json). */
const loading = () => (
  <p role="status" className="text-sm text-slate-500">
    Loading…
  </p>
);
const PlanComments = dynamic(() => import("./plan-comments").then((m) => m.PlanComments), { loading });
const PlanSharing = dynamic(() => import("./plan-sharing").then((m) => m.PlanSharing), { loading });

export type Plan = inferRouterOutputs<AppRouter>["plans"]["get"];
export type Members = inferRouterOutputs<AppRouter>["members"]["list"]["items"];
/** What the plan page hands a tab that needs the organization's members (stakeholders, sharing). */
export interface PlanTabProps {
  plan: Plan;
  canEdit: boolean;
  refresh: () => void;
  members: Members;
}

const TABS = [
  { id: "problems", label: "Problems ↔ solutions" },
  { id: "stakeholders", label: "Stakeholder map" },
  { id: "steps", label: "Mutual action plan" },
  { id: "comments", label: "Comments & activity" },
  { id: "sharing", label: "Sharing & team" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export function PlanView({
  slug,
  initial,
  members,
  meId,
}: {
  slug: string;
  initial: Plan;
  members: { items: Members };
  meId: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.plans.get.queryOptions({ planId: initial.id }), initialData: initial });
  const plan = query.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
  const [tab, setTab] = useState<TabId>("problems");
  const canEdit = plan.actions.includes("edit");
  const onTabKey = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const next = event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length]!;
    setTab(target.id);
    document.getElementById(`plan-tab-${target.id}`)?.focus();
  };
  const props = { plan, canEdit, refresh };
  return (
    <div className="space-y-6">
      <div data-testid="plan-header">
        <p className="text-sm text-slate-600">
          <Link
            className="inline-block py-0.5 text-brand-700 hover:underline"
            href={`/o/${slug}/accounts/${plan.accountId}`}
          >
            {plan.accountName}
          </Link>
        </p>
        <PlanHeader plan={plan} canEdit={canEdit} refresh={refresh}>
          <p className="mt-1 text-sm text-slate-600">
            Your access: {plan.access} · {plan.collaborators.length} collaborator
            {plan.collaborators.length === 1 ? "" : "s"}
          </p>
          <div className="mt-2">
            <PlanLiveBar planId={plan.id} meId={meId} />
          </div>
        </PlanHeader>
      </div>
      <div role="tablist" aria-label="Plan sections" className="flex flex-wrap gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`plan-tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls={`plan-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onKeyDown={onTabKey}
            onClick={() => setTab(t.id)}
            className={cx(
              "-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
              tab === t.id
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`plan-panel-${tab}`} aria-labelledby={`plan-tab-${tab}`}>
        {tab === "problems" ? <PlanProblems {...props} /> : null}
        {tab === "stakeholders" ? <PlanStakeholders {...props} members={members.items} /> : null}
        {tab === "steps" ? <PlanSteps {...props} /> : null}
        {tab === "comments" ? <PlanComments plan={plan} members={members.items} /> : null}
        {tab === "sharing" ? <PlanSharing {...props} members={members.items} /> : null}
      </div>
    </div>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import { formatMoney } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, Options, Select } from "@/components/ui";
import type { AppRouter } from "@/server/trpc/root";
import { AlignmentCard } from "./alignment-card";
import { EditDealForm, type EditableDeal } from "./deal-form";
import { DealTimeline } from "./deal-timeline";
import { DisqualifyDialog, type DisqualifyTarget } from "./disqualify-dialog";
import { DEAL_STAGES, FIT_LABELS, STAGE_LABELS, stageTone, type DealStage } from "@/server/domain/labels";
import { StakeholderMap } from "./stakeholder-map";

type Deal = inferRouterOutputs<AppRouter>["deals"]["get"];

const editable = (deal: Deal): EditableDeal => ({
  id: deal.id,
  version: deal.version,
  name: deal.name,
  amount: deal.amount,
  currency: deal.currency,
  stage: deal.stage,
  closeDate: deal.closeDate ?? "",
  product: deal.product ?? "",
  customerProblem: deal.customerProblem,
  problemFit: deal.problemFit,
  ownerId: deal.owner.id,
  objectiveIds: deal.objectives.filter((o) => o.explicit).map((o) => o.id),
  goalIds: deal.goals.filter((g) => g.linked).map((g) => g.id),
});

function ObjectivesAndGoals({ deal }: { deal: Deal }) {
  return (
    <Card title="Company and rep">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Strategy objectives {deal.alignment.strategy ? `· ${deal.alignment.strategy.name}` : ""}
      </h3>
      {deal.objectives.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">No active strategy covers this deal.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm" aria-label="Matched objectives" data-testid="deal-objectives">
          {deal.objectives.map((objective) => (
            <li key={objective.id} className="flex items-center justify-between gap-2">
              <span className={objective.matched ? "font-medium text-slate-900" : "text-slate-400"}>
                {objective.matched ? "✓ " : ""}
                {objective.title}
              </span>
              <span className="flex items-center gap-2 text-xs text-slate-500">
                {objective.matched ? <Badge tone="green">{objective.explicit ? "linked" : "focus match"}</Badge> : null}
                weight {objective.weight}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {deal.owner.name}&apos;s goals
      </h3>
      {deal.goals.length === 0 && deal.hiddenGoals.total === 0 ? (
        <p className="mt-1 text-sm text-slate-500">The owner has no goals for this period.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm" aria-label="Owner's goals">
          {deal.goals.map((goal) => (
            <li key={goal.id} className={goal.advanced ? "text-slate-900" : "text-slate-400"}>
              {goal.advanced ? "✓ " : ""}
              {goal.title}{" "}
              <span className="text-xs text-slate-500">
                ({goal.category}, importance {goal.importance})
              </span>
            </li>
          ))}
          {deal.hiddenGoals.total > 0 ? (
            <li className="text-slate-500" data-testid="deal-hidden-goals">
              {deal.hiddenGoals.total === 1 ? "1 goal" : `${deal.hiddenGoals.total} goals`} not shared with you
              {deal.hiddenGoals.advanced > 0 ? ` (${deal.hiddenGoals.advanced} advanced by this deal)` : ""}
            </li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}

export function DealView({ slug, initial, isAdmin }: { slug: string; initial: Deal; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.deals.get.queryOptions({ dealId: initial.id }), initialData: initial });
  const deal = query.data;
  const [editing, setEditing] = useState(false);
  const [disqualifying, setDisqualifying] = useState<DisqualifyTarget | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
  const move = useMutation(trpc.deals.move.mutationOptions({ onSettled: refresh }));
  const reload = async () =>
    editable(await queryClient.fetchQuery({ ...trpc.deals.get.queryOptions({ dealId: deal.id }), staleTime: 0 }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href={`/o/${slug}/accounts/${deal.account.id}`} className="hover:underline">
              {deal.account.name}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{deal.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            <Badge tone={stageTone(deal.stage)}>{STAGE_LABELS[deal.stage]}</Badge>
            <span className="tabular-nums" data-testid="deal-amount">
              {formatMoney(deal.amount, deal.currency)}
            </span>
            <span>{deal.closeDate ? `closes ${deal.closeDate}` : "no close date"}</span>
            <span>owner {deal.owner.name}</span>
            {deal.product ? <span>{deal.product}</span> : null}
          </p>
        </div>
        {deal.canEdit ? (
          <div className="flex flex-wrap items-center gap-2">
            <label className="text-sm">
              <span className="sr-only">Move to stage</span>
              <Select
                aria-label="Move to stage"
                value=""
                disabled={move.isPending}
                onChange={(event) => {
                  const stage = event.target.value as DealStage;
                  if (stage) move.mutate({ dealId: deal.id, version: deal.version, stage });
                }}
              >
                <option value="">{deal.stage === "disqualified" ? "Reopen in…" : "Move to…"}</option>
                <Options
                  values={DEAL_STAGES.filter((stage) => stage !== deal.stage && stage !== "disqualified")}
                  label={(stage) => STAGE_LABELS[stage]}
                />
              </Select>
            </label>
            {deal.stage !== "disqualified" ? (
              <Button
                variant="secondary"
                onClick={() => setDisqualifying({ id: deal.id, name: deal.name, version: deal.version })}
              >
                Disqualify
              </Button>
            ) : null}
            <Button variant={editing ? "ghost" : "primary"} onClick={() => setEditing(!editing)}>
              {editing ? "Close editor" : "Edit deal"}
            </Button>
          </div>
        ) : (
          <Badge>Read only</Badge>
        )}
      </div>

      {move.error ? <Alert>{errorMessage(move.error)} The page shows the latest version.</Alert> : null}

      {deal.suggestedDisqualification && deal.canEdit ? (
        <div
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200"
          data-testid="suggested-disqualification"
        >
          <p>
            <strong>Suggested: disqualify.</strong> The customer has no problem we can solve, so nobody wins from this
            deal. Reason: “{deal.suggestedDisqualification.label}”.
          </p>
          <Button
            variant="danger"
            onClick={() =>
              setDisqualifying({
                id: deal.id,
                name: deal.name,
                version: deal.version,
                reasonId: deal.suggestedDisqualification!.reasonId,
              })
            }
          >
            Disqualify this deal
          </Button>
        </div>
      ) : null}

      {deal.stage === "disqualified" ? (
        <Alert tone="amber">
          Disqualified: <strong>{deal.disqualifiedReason}</strong>
          {deal.disqualifiedNote ? ` — “${deal.disqualifiedNote}”` : ""}. It is out of the pipeline total and stays
          reportable.
        </Alert>
      ) : null}

      {editing ? (
        <Card title="Edit deal">
          <EditDealForm
            deal={editable(deal)}
            options={{ objectives: deal.objectives, goals: deal.goals }}
            canReassign={isAdmin}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
            reload={reload}
          />
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <AlignmentCard alignment={deal.alignment} />
        <Card title="The customer's problem">
          <p className="whitespace-pre-line text-sm text-slate-800">
            {deal.customerProblem || "Not written down yet."}
          </p>
          <p className="mt-3 text-sm">
            <span className="text-slate-500">Can we solve it? </span>
            <span className="font-medium" data-testid="deal-problem-fit">
              {FIT_LABELS[deal.problemFit]}
            </span>
          </p>
        </Card>
      </div>

      <StakeholderMap
        dealId={deal.id}
        accountId={deal.account.id}
        stakeholders={deal.stakeholders}
        canEdit={deal.canEdit}
        onChanged={refresh}
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <ObjectivesAndGoals deal={deal} />
        <DealTimeline dealId={deal.id} />
      </div>

      <DisqualifyDialog target={disqualifying} onClose={() => setDisqualifying(null)} onDone={refresh} />
    </div>
  );
}

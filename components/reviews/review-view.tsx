"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatGoalValue, formatMoney, formatSum } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, PageHeader } from "@/components/ui";
import { ConfirmButton } from "@/components/confirm-button";
import { ReviewActions } from "./review-actions";
import { NotesEditor } from "./notes-editor";
import { PipelineMixChart, ScoreTrendChart } from "./charts";
import { GROUP_LABEL, SECTION_LABEL, STATUS_LABEL, STATUS_TONE } from "./labels";

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** One review: the snapshot's sections with the managers' notes, actions, the rep's response, and the trend. */
export function ReviewView({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const review = useQuery(trpc.reviews.get.queryOptions({ reviewId }));
  const subjectId = review.data?.subjectId;
  const history = useQuery({
    ...trpc.reviews.history.queryOptions({ subjectId: subjectId ?? "" }),
    enabled: Boolean(subjectId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
  const share = useMutation(trpc.reviews.share.mutationOptions({ onSuccess: refresh }));
  const acknowledge = useMutation(trpc.reviews.acknowledge.mutationOptions({ onSuccess: refresh }));
  const close = useMutation(trpc.reviews.close.mutationOptions({ onSuccess: refresh }));

  if (review.isPending) return <p className="text-sm text-slate-600">Loading the review…</p>;
  if (review.isError) return <Alert>{errorMessage(review.error)}</Alert>;
  const r = review.data;
  const s = r.snapshot;
  const failed = share.error ?? acknowledge.error ?? close.error;
  const noteProps = { reviewId, version: r.version, editable: r.canManage, onSaved: refresh };
  return (
    <article className="space-y-6 print:space-y-4">
      <PageHeader
        title={`Review of ${r.subjectName}`}
        description={
          <>
            {s ? `${s.strategy.name} (${s.strategy.startsOn} – ${s.strategy.endsOn})` : null} · by {r.reviewerName} ·{" "}
            {r.status === "draft"
              ? "figures as of now (frozen when shared)"
              : `figures as of ${s?.takenAt.slice(0, 10)}`}
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2 print:hidden">
            <Badge tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge>
            <Button variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
            {r.canManage && r.status === "draft" ? (
              <Button onClick={() => share.mutate({ reviewId, version: r.version })} disabled={share.isPending}>
                Share with {r.subjectName.split(" ")[0]}
              </Button>
            ) : null}
            {r.canRespond && r.status === "shared" ? (
              <Button onClick={() => acknowledge.mutate({ reviewId, version: r.version })}>Acknowledge</Button>
            ) : null}
            {r.canManage && (r.status === "shared" || r.status === "acknowledged") ? (
              <ConfirmButton
                label="Close review"
                title="Close this review?"
                confirmLabel="Close review"
                onConfirm={() => close.mutate({ reviewId, version: r.version })}
              >
                A closed review is read-only for everyone: no more notes, actions or acknowledgement.
              </ConfirmButton>
            ) : null}
          </div>
        }
      />
      {failed ? <Alert>{errorMessage(failed)}</Alert> : null}
      {r.status === "closed" ? <Alert tone="amber">This review is closed: it is read-only.</Alert> : null}
      {r.acknowledgedAt ? (
        <p className="text-sm text-slate-700" role="status">
          Acknowledged by {r.subjectName} on {r.acknowledgedAt.toISOString().slice(0, 10)}.
        </p>
      ) : null}
      <NotesEditor label="Summary" heading="h2" text={r.managerNotes} section="summary" {...noteProps} />
      {!s ? (
        <EmptyState title="The figures of this review cannot be shown">
          {r.snapshotUnreadable ? "It was stored by an older version of Tandem." : "Its strategy no longer exists."}
        </EmptyState>
      ) : (
        <>
          <Card title={`${SECTION_LABEL.score}: ${s.alignment.score} / 100`}>
            <dl className="grid grid-cols-3 gap-3 text-sm">
              {(["coverage", "focus", "pipelineFit"] as const).map((key) => (
                <div key={key}>
                  <dt className="text-slate-600">
                    {{ coverage: "Coverage", focus: "Focus", pipelineFit: "Pipeline fit" }[key]}
                  </dt>
                  <dd className="font-semibold">
                    {s.alignment.components[key].points} / {s.alignment.components[key].max}
                  </dd>
                </div>
              ))}
            </dl>
            <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
              {s.alignment.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
            {s.alignment.suggestions.length > 0 ? (
              <>
                <h3 className="mt-3 text-sm font-semibold">What would raise it</h3>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
                  {s.alignment.suggestions.map((item) => (
                    <li key={item.text}>
                      {item.text}
                      {item.gain !== null ? ` (+${item.gain})` : ""}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <NotesEditor label="Notes on the score" text={r.sectionNotes.score} section="score" {...noteProps} />
          </Card>
          <Card title={SECTION_LABEL.goals}>
            {s.goals.length === 0 ? (
              <p className="text-sm text-slate-600">No goals the reviewer may read for this period.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {s.goals.map((goal) => (
                  <li key={goal.id}>
                    <span className="font-medium">{goal.title}</span>{" "}
                    <span className="text-slate-600">
                      {goal.progress !== null
                        ? `${pct(goal.progress)} of ${formatGoalValue(goal.target ?? "0", goal)}`
                        : goal.category}
                      {goal.links.length > 0
                        ? ` · serves ${goal.links.map((l) => l.objectiveTitle).join(", ")}`
                        : " · linked to no objective"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {s.hiddenGoalCount > 0 ? (
              <p className="mt-2 text-xs text-slate-600">{s.hiddenGoalCount} private goal(s) counted, not shown.</p>
            ) : null}
            <NotesEditor label="Notes on the goals" text={r.sectionNotes.goals} section="goals" {...noteProps} />
          </Card>
          <Card title={`${SECTION_LABEL.pipeline} · ${formatSum(s.pipelineMix.total, s.pipelineMix.currencies)}`}>
            <PipelineMixChart rows={s.pipelineMix.objectives} unalignedShare={s.pipelineMix.unaligned.share} />
            <NotesEditor
              label="Notes on the pipeline"
              text={r.sectionNotes.pipeline}
              section="pipeline"
              {...noteProps}
            />
          </Card>
          <Card title={`${SECTION_LABEL.deals} (${s.deals.total})`}>
            <p className="mb-2 text-sm text-slate-600">
              {s.deals.byGroup.disqualify} disqualification candidate(s), {s.deals.byGroup.outside_strategy} outside
              strategy{s.deals.items.length < s.deals.total ? `; the first ${s.deals.items.length} are listed` : ""}.
            </p>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="text-slate-600">
                    <th scope="col">Deal</th>
                    <th scope="col">Group</th>
                    <th scope="col">Score</th>
                    <th scope="col">Customer / company / rep</th>
                    <th scope="col">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {s.deals.items.map((deal) => (
                    <tr key={deal.id} className="border-t border-slate-100">
                      <th scope="row" className="py-1 font-normal">
                        {deal.name}
                        <span className="block text-xs text-slate-500">{deal.accountName}</span>
                      </th>
                      <td>{GROUP_LABEL[deal.group]}</td>
                      <td>{deal.score}</td>
                      <td>
                        {pct(deal.customer)} / {pct(deal.company)} / {pct(deal.rep)}
                      </td>
                      <td>{formatMoney(deal.amount, deal.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <NotesEditor label="Notes on the deals" text={r.sectionNotes.deals} section="deals" {...noteProps} />
          </Card>
          {s.previousReview && s.previousReview.openActions.length > 0 ? (
            <Card title="Still open from the previous review">
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {s.previousReview.openActions.map((action) => (
                  <li key={action.id}>
                    {action.text}
                    {action.ownerName ? ` — ${action.ownerName}` : ""}
                    {action.dueOn ? `, due ${action.dueOn}` : ""}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </>
      )}
      <ReviewActions review={r} onChanged={refresh} />
      <Card title={`${r.subjectName}'s notes`}>
        <NotesEditor
          label={`${r.subjectName}'s notes`}
          text={r.repNotes}
          section="rep"
          reviewId={reviewId}
          version={r.version}
          editable={r.canRespond}
          onSaved={refresh}
        />
      </Card>
      <Card title="Alignment score over time">
        {history.isError ? (
          <Alert>{errorMessage(history.error)}</Alert>
        ) : (
          <ScoreTrendChart points={history.data?.points ?? []} />
        )}
      </Card>
    </article>
  );
}

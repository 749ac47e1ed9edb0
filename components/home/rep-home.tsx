/** A rep's home: goals with progress, their score and its trend, pipeline, deals needing attention, actions. */
import { formatGoalValue, formatMoney, isMoneyGoal } from "@/components/format";
import { ScoreBadge } from "@/components/alignment/score-badge";
import { Card, EmptyState } from "@/components/ui";
import type { HomeView } from "@/server/trpc/routers/home";
import { AttentionList, BarTable, DueText, ObjectiveMixTable, StageTable, TextLink } from "./parts";

const REVIEW_TEXT = {
  never: "No review shared yet: your manager schedules the first one.",
  overdue: "Your next review is overdue",
  due: "Your next review is due",
  ok: "Your next review is due",
} as const;

/** An open action or plan step: its link, where it comes from, and when it is due (overdue said in words). */
function DueItem(props: { href: string; title: string; detail: string; dueOn: string | null; today: string }) {
  return (
    <li>
      <TextLink href={props.href}>{props.title}</TextLink> <span className="text-slate-600">({props.detail})</span> ·{" "}
      <DueText dueOn={props.dueOn} today={props.today} />
    </li>
  );
}

export function RepHome({ slug, home }: { slug: string; home: HomeView & { me: NonNullable<HomeView["me"]> } }) {
  const { me, today } = home;
  const trend = home.scoreHistory;
  const lastReviewed = trend.at(-1)?.score;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Card title={home.strategy ? `Your alignment with ${home.strategy.name}` : "Your alignment"}>
        <div className="flex flex-wrap items-center gap-4" data-testid="home-rep-score">
          <ScoreBadge score={me.score} size="lg" />
          <p className="text-sm text-slate-700">
            {lastReviewed === undefined
              ? "No reviewed score yet."
              : me.score === lastReviewed
                ? `Unchanged since your last review (${lastReviewed}).`
                : `${me.score > lastReviewed ? "Up" : "Down"} ${Math.abs(me.score - lastReviewed)} since your last review (${lastReviewed}).`}
          </p>
        </div>
        {trend.length > 0 ? (
          <BarTable
            caption="Your score at each shared review"
            columns={["Review", "Score"]}
            rows={trend.map((point) => ({
              key: point.reviewId,
              label: <TextLink href={`/o/${slug}/reviews/${point.reviewId}`}>{point.sharedAt.slice(0, 10)}</TextLink>,
              bar: point.score,
              cells: [point.score],
            }))}
          />
        ) : null}
        <TextLink href={`/o/${slug}/goals`} className="mt-3 inline-block text-sm font-medium">
          My goals and the full breakdown →
        </TextLink>
      </Card>
      <Card title="Your goals">
        {me.goals.length === 0 ? (
          <EmptyState title="No goals for this period yet">
            <TextLink href={`/o/${slug}/goals`}>Write your goals</TextLink> and link them to the strategy&apos;s
            objectives.
          </EmptyState>
        ) : (
          <ul className="space-y-3 text-sm" data-testid="home-goals">
            {me.goals.map((goal) => (
              <li key={goal.id}>
                <div className="flex flex-wrap justify-between gap-2">
                  <span className="font-medium text-slate-800">{goal.title}</span>
                  <span className="tabular-nums text-slate-700">
                    {isMoneyGoal(goal)
                      ? `${formatGoalValue(goal.currentValue, goal, { compact: true })} of ${formatGoalValue(goal.target ?? "0", goal, { compact: true })}`
                      : goal.target === null
                        ? "no measure"
                        : `${Number(goal.currentValue)} of ${Number(goal.target)} ${goal.unit}`}
                    {goal.attainment !== null ? ` · ${goal.attainment}%` : ""}
                  </span>
                </div>
                {goal.attainment !== null ? (
                  <span className="mt-1 block h-2 rounded bg-slate-100" aria-hidden>
                    <span
                      className="block h-2 rounded bg-brand-500"
                      style={{ width: `${Math.min(100, goal.attainment)}%` }}
                    />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Open pipeline by stage">
        {home.byStage.length === 0 ? <EmptyState title="No open deals yet" /> : <StageTable rows={home.byStage} />}
      </Card>
      <Card title="Open pipeline by objective">
        {me.pipelineByObjective.length === 0 ? (
          <EmptyState title="No open pipeline on this strategy yet" />
        ) : (
          <BarTable
            caption="Your open pipeline by objective"
            columns={["Objective", "Amount"]}
            rows={me.pipelineByObjective.map((row) => ({
              key: row.objectiveId ?? "none",
              label: row.objectiveId ? (
                <TextLink href={`/o/${slug}/deals?stage=open&objective=${row.objectiveId}`}>{row.title}</TextLink>
              ) : (
                row.title
              ),
              bar: Number(row.amount),
              cells: [
                me.currencies.length === 1 ? formatMoney(row.amount, me.currencies[0], { compact: true }) : row.amount,
              ],
            }))}
          />
        )}
      </Card>
      {home.objectiveMix.length > 0 && home.objectiveMix.some((row) => row.share > 0) ? (
        <Card title="Your pipeline against the strategy's weights" className="lg:col-span-2">
          <ObjectiveMixTable rows={home.objectiveMix} />
        </Card>
      ) : null}
      <Card title="Deals needing attention" className="lg:col-span-2">
        {home.attention.length === 0 ? (
          <p className="text-sm text-slate-600">
            None: every open deal has a solvable problem, known wins and a buyer.
          </p>
        ) : (
          <AttentionList slug={slug} deals={home.attention} showOwner={false} />
        )}
      </Card>
      <Card title="Open actions">
        {home.reviewActions.length + home.planSteps.filter((s) => s.side === "us").length === 0 ? (
          <p className="text-sm text-slate-600">Nothing open.</p>
        ) : (
          <ul className="space-y-2 text-sm" aria-label="Open actions">
            {home.reviewActions.map((action) => (
              <DueItem
                key={action.id}
                href={`/o/${slug}/reviews/${action.reviewId}`}
                title={action.text}
                detail="review"
                dueOn={action.dueOn}
                today={today}
              />
            ))}
            {home.planSteps
              .filter((step) => step.side === "us")
              .map((step) => (
                <DueItem
                  key={step.id}
                  href={`/o/${slug}/plans/${step.planId}`}
                  title={step.title}
                  detail={step.planTitle}
                  dueOn={step.dueOn}
                  today={today}
                />
              ))}
          </ul>
        )}
      </Card>
      <Card title="Reviews and mutual action plans">
        <p className="text-sm text-slate-700" data-testid="home-next-review">
          {REVIEW_TEXT[me.nextReview.state]}
          {me.nextReview.dueOn ? ` on ${me.nextReview.dueOn}.` : ""}{" "}
          {me.nextReview.lastReviewId ? (
            <TextLink href={`/o/${slug}/reviews/${me.nextReview.lastReviewId}`}>Open your last review</TextLink>
          ) : null}
        </p>
        <h3 className="mt-4 text-xs font-semibold text-slate-700">Overdue plan steps</h3>
        {home.planSteps.filter((s) => s.dueOn !== null && s.dueOn < today).length === 0 ? (
          <p className="text-sm text-slate-600">None overdue.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {home.planSteps
              .filter((step) => step.dueOn !== null && step.dueOn < today)
              .map((step) => (
                <DueItem
                  key={step.id}
                  href={`/o/${slug}/plans/${step.planId}`}
                  title={step.title}
                  detail={`${step.side === "us" ? "us" : "customer"}, ${step.planTitle}`}
                  dueOn={step.dueOn}
                  today={today}
                />
              ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

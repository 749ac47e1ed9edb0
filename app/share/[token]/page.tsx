import { TRPCError } from "@trpc/server";
import { formatDateTime } from "@/components/format";
import { PROBLEM_STATUS_LABELS, SIDE_LABELS } from "@/components/plans/labels";
import { Badge, Card, EmptyState } from "@/components/ui";
import type { CustomerView } from "@/server/trpc/routers/shared-plan";
import { serverCaller } from "@/server/trpc/server";
import { CommentForm, MarkDoneButton } from "./customer-actions";

export const metadata = { title: "Shared plan", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

/** The customer view of a plan (public, outside /o/): read-only but for the customer's steps and comments. */
export default async function SharedPlanPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: CustomerView;
  try {
    view = await (await serverCaller()).sharedPlan.view({ token });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return (
      <main className="mx-auto max-w-xl p-8">
        <EmptyState title={error.code === "TOO_MANY_REQUESTS" ? "Too many requests" : "This link does not work"}>
          {error.code === "BAD_REQUEST"
            ? "This link is not valid any more. Ask your contact for a new one."
            : error.message}
        </EmptyState>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-4xl space-y-6 p-6">
      <header>
        <p className="text-sm text-slate-600">
          Shared by {view.organizationName}
          {view.customerName ? ` with ${view.customerName}` : ""}
        </p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{view.title}</h1>
        <p className="text-sm text-slate-600">{view.accountName}</p>
      </header>
      <Card title="Agreed objectives">
        {view.customerObjectives ? (
          <p className="whitespace-pre-line text-sm text-slate-800">{view.customerObjectives}</p>
        ) : (
          <p className="text-sm text-slate-500">No objectives written down yet.</p>
        )}
      </Card>
      <Card title="Your challenges and how we address them">
        {view.problems.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing shared yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Challenges and solutions">
            {view.problems.map((problem) => (
              <li key={problem.id} className="grid gap-2 py-3 sm:grid-cols-2">
                <div>
                  <p className="font-medium text-slate-900">{problem.problem}</p>
                  {problem.impact ? <p className="text-sm text-slate-600">Impact: {problem.impact}</p> : null}
                </div>
                <div className="text-sm">
                  <p>{problem.solution || "Solution to be agreed"}</p>
                  <Badge>
                    {PROBLEM_STATUS_LABELS[problem.status as keyof typeof PROBLEM_STATUS_LABELS] ?? problem.status}
                  </Badge>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Mutual action plan">
        {view.steps.length === 0 ? (
          <p className="text-sm text-slate-500">No steps shared yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Steps</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Step</th>
                <th>Who</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Status</th>
                <th>
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="customer-steps">
              {view.steps.map((step) => (
                <tr key={step.id}>
                  <td className="py-2 pr-3 font-medium">{step.title}</td>
                  <td className="pr-3">{SIDE_LABELS[step.side]}</td>
                  <td className="pr-3">{step.ownerName || "—"}</td>
                  <td className="pr-3">{step.dueOn ?? "—"}</td>
                  <td className="pr-3">
                    <span className="flex flex-wrap gap-1">
                      {step.status === "done" ? <Badge tone="green">Done</Badge> : <Badge>Open</Badge>}
                      {step.overdue ? <Badge tone="red">Overdue</Badge> : null}
                      {step.blocked ? <Badge tone="amber">Waiting on an earlier step</Badge> : null}
                    </span>
                  </td>
                  <td>
                    {step.canMarkDone ? <MarkDoneButton token={token} stepId={step.id} title={step.title} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Comments">
        {view.comments.length > 0 ? (
          <ul className="mb-4 space-y-2" aria-label="Comments">
            {view.comments.map((comment) => (
              <li key={comment.id} className="rounded-md bg-slate-50 p-3 text-sm">
                <p className="text-xs text-slate-500">
                  {comment.guestName} · {formatDateTime(comment.at)}
                </p>
                <p className="whitespace-pre-line">{comment.body}</p>
              </li>
            ))}
          </ul>
        ) : null}
        <CommentForm token={token} />
      </Card>
    </main>
  );
}

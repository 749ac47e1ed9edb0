"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { listFallback } from "@/components/paged-list";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Options, Select } from "@/components/ui";
import { describePlanAction } from "./labels";
import type { Members, Plan } from "./plan-view";

/** Comments (with @mentions picked from the members) and the plan's activity history. */
export function PlanComments({ plan, members }: { plan: Plan; members: Members }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const comments = useInfiniteQuery(
    trpc.planComments.list.infiniteQueryOptions(
      { planId: plan.id, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const activity = useInfiniteQuery(
    trpc.plans.activity.infiniteQueryOptions(
      { planId: plan.id, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const [body, setBody] = useState("");
  const [mentioned, setMentioned] = useState<string[]>([]);
  const [subject, setSubject] = useState("plan:");
  const add = useMutation(
    trpc.planComments.add.mutationOptions({
      onSuccess: () => {
        setBody("");
        setMentioned([]);
        void queryClient.invalidateQueries({ queryKey: trpc.planComments.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.plans.activity.pathKey() });
      },
    }),
  );
  const subjects = [
    { value: "plan:", label: "The plan" },
    ...plan.problems.map((p) => ({ value: `problem:${p.id}`, label: `Problem: ${p.problem}` })),
    ...plan.steps.map((s) => ({ value: `step:${s.id}`, label: `Step: ${s.title}` })),
    ...plan.contacts.map((c) => ({ value: `stakeholder:${c.contactId}`, label: `Stakeholder: ${c.name}` })),
  ];
  const subjectLabel = new Map(subjects.map((s) => [s.value, s.label]));
  const rows = comments.data?.pages.flatMap((page) => page.items) ?? [];
  const events = activity.data?.pages.flatMap((page) => page.items) ?? [];
  const mention = (userId: string) => {
    const member = members.find((m) => m.userId === userId);
    if (!member || mentioned.includes(userId)) return;
    setMentioned([...mentioned, userId]);
    setBody(`${body}${body && !body.endsWith(" ") ? " " : ""}@${member.name} `);
  };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="Comments">
        <form
          className="space-y-3"
          aria-label="New comment"
          onSubmit={(event) => {
            event.preventDefault();
            const [subjectType, subjectId] = subject.split(":") as [
              "plan" | "problem" | "step" | "stakeholder",
              string,
            ];
            add.mutate({
              planId: plan.id,
              body,
              subjectType,
              subjectId: subjectId || null,
              mentionedUserIds: mentioned,
            });
          }}
        >
          {add.error && !fieldErrors(add.error).body ? <Alert>{errorMessage(add.error)}</Alert> : null}
          <Field label="On">
            <Select value={subject} onChange={(e) => setSubject(e.target.value)}>
              {subjects.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Comment" error={fieldErrors(add.error).body}>
            <textarea
              required
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              className="block rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
            />
          </Field>
          <Field label="Mention someone" hint="They are named in the comment and notified.">
            <Select value="" onChange={(e) => mention(e.target.value)}>
              <option value="">Choose a member…</option>
              <Options values={members} id={(m) => m.userId} label={(m) => m.name} />
            </Select>
          </Field>
          <Button type="submit" disabled={add.isPending}>
            Post comment
          </Button>
        </form>
        <div className="mt-6">
          {listFallback(comments, "Loading comments…") ??
            (rows.length === 0 ? (
              <EmptyState title="No comments yet" />
            ) : (
              <ul className="space-y-3" aria-label="Comments">
                {rows.map((comment) => (
                  <li key={comment.id} className="rounded-md bg-slate-50 p-3 text-sm">
                    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                      <span className="font-medium text-slate-800">{comment.authorName}</span>
                      {comment.fromCustomer ? <Badge tone="brand">Customer</Badge> : null}
                      <span>{formatDateTime(comment.createdAt)}</span>
                      {comment.subjectType !== "plan" ? (
                        <span>
                          on {subjectLabel.get(`${comment.subjectType}:${comment.subjectId}`) ?? comment.subjectType}
                        </span>
                      ) : null}
                    </p>
                    <p className="mt-1 whitespace-pre-line text-slate-800">{comment.body}</p>
                  </li>
                ))}
              </ul>
            ))}
          {comments.hasNextPage ? (
            <Button className="mt-3" variant="secondary" onClick={() => comments.fetchNextPage()}>
              Older comments
            </Button>
          ) : null}
        </div>
      </Card>
      <Card title="Activity">
        {listFallback(activity, "Loading activity…") ?? (
          <ol className="space-y-2" aria-label="Plan activity">
            {events.map((event) => (
              <li key={event.id} className="border-l-2 border-slate-200 pl-3 text-sm">
                <span className="font-medium">{event.actorName ?? "The customer"}</span>{" "}
                {describePlanAction(event.action)}
                <span className="block text-xs text-slate-500">{formatDateTime(event.at)}</span>
              </li>
            ))}
          </ol>
        )}
        {activity.hasNextPage ? (
          <Button className="mt-3" variant="secondary" onClick={() => activity.fetchNextPage()}>
            Older activity
          </Button>
        ) : null}
      </Card>
    </div>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, Field, Input, Select } from "@/components/ui";

interface ActionItem {
  id: string;
  text: string;
  ownerRole: "manager" | "rep";
  ownerName: string | null;
  ownerId: string | null;
  dueOn: string | null;
  done: boolean;
  linkLabel: string;
}

/** Agreed actions: the managers add and remove them; whoever owns one (and the managers) marks it done. */
export function ReviewActions({
  review,
  onChanged,
}: {
  review: {
    id: string;
    subjectId: string;
    canManage: boolean;
    canRespond: boolean;
    actions: ActionItem[];
    snapshot: { goals: { id: string; title: string }[]; deals: { items: { id: string; name: string }[] } } | null;
  };
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [owner, setOwner] = useState<"rep" | "manager">("rep");
  const [dueOn, setDueOn] = useState("");
  const [link, setLink] = useState("");
  const add = useMutation(
    trpc.reviews.addAction.mutationOptions({
      onSuccess: () => {
        setText("");
        setDueOn("");
        setLink("");
        onChanged();
      },
    }),
  );
  const done = useMutation(trpc.reviews.setActionDone.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.reviews.removeAction.mutationOptions({ onSuccess: onChanged }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = link.split(":");
    add.mutate({
      reviewId: review.id,
      text,
      owner,
      dueOn: dueOn || null,
      goalId: kind === "goal" ? (id ?? null) : null,
      dealId: kind === "deal" ? (id ?? null) : null,
    });
  };
  const error = add.error ?? done.error ?? remove.error;
  return (
    <Card title="Agreed actions">
      {review.actions.length === 0 ? (
        <p className="text-sm text-slate-600">No actions yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Agreed actions">
          {review.actions.map((action) => {
            const mayTick = review.canManage || (review.canRespond && action.ownerId === review.subjectId);
            return (
              <li key={action.id} className="flex flex-wrap items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  id={`action-${action.id}`}
                  checked={action.done}
                  disabled={!mayTick || done.isPending}
                  onChange={(event) => done.mutate({ actionId: action.id, done: event.target.checked })}
                  className="size-4"
                />
                <label htmlFor={`action-${action.id}`} className={action.done ? "text-slate-500 line-through" : ""}>
                  {action.text}
                </label>
                <Badge tone={action.done ? "green" : "slate"}>{action.done ? "Done" : "Open"}</Badge>
                <span className="text-slate-600">
                  {action.ownerName ?? action.ownerRole}
                  {action.dueOn ? `, due ${action.dueOn}` : ""}
                  {action.linkLabel ? ` · ${action.linkLabel}` : ""}
                </span>
                {review.canManage ? (
                  <span className="print:hidden">
                    <ConfirmButton
                      variant="ghost"
                      label={<span className="sr-only sm:not-sr-only">Remove</span>}
                      title="Remove this action?"
                      confirmLabel="Remove"
                      onConfirm={() => remove.mutate({ actionId: action.id })}
                    >
                      “{action.text}” is removed from the review.
                    </ConfirmButton>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <div className="mt-3">
          <Alert>{errorMessage(error)}</Alert>
        </div>
      ) : null}
      {review.canManage ? (
        <form onSubmit={submit} className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2 print:hidden">
          <Field label="Action">
            <Input value={text} onChange={(event) => setText(event.target.value)} required maxLength={500} />
          </Field>
          <Field label="Owner">
            <Select value={owner} onChange={(event) => setOwner(event.target.value as "rep" | "manager")}>
              <option value="rep">Rep</option>
              <option value="manager">Manager (you)</option>
            </Select>
          </Field>
          <Field label="Due date (optional)">
            <Input type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
          </Field>
          <Field label="Linked goal or deal (optional)">
            <Select value={link} onChange={(event) => setLink(event.target.value)}>
              <option value="">None</option>
              {review.snapshot?.goals.map((goal) => (
                <option key={goal.id} value={`goal:${goal.id}`}>
                  Goal: {goal.title}
                </option>
              ))}
              {review.snapshot?.deals.items.slice(0, 50).map((deal) => (
                <option key={deal.id} value={`deal:${deal.id}`}>
                  Deal: {deal.name}
                </option>
              ))}
            </Select>
          </Field>
          <div>
            <Button type="submit" disabled={add.isPending || text.trim() === ""}>
              Add action
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

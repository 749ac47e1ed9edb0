"use client";
import { useActionState } from "react";
import { Alert, Button, Field } from "@/components/ui";
import { commentOnPlan, markStepDone, type ShareActionState } from "./actions";

const initial: ShareActionState = { error: null };

export function MarkDoneButton({ token, stepId, title }: { token: string; stepId: string; title: string }) {
  const [state, action, pending] = useActionState(() => markStepDone(token, stepId), initial);
  return (
    <form action={action}>
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Mark done: ${title}`}>
        {pending ? "Saving…" : "Mark done"}
      </Button>
      {state.error ? <Alert>{state.error}</Alert> : null}
    </form>
  );
}

export function CommentForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(commentOnPlan.bind(null, token), initial);
  return (
    <form action={action} className="space-y-2" aria-label="Comment">
      {state.error ? <Alert>{state.error}</Alert> : null}
      <Field label="Your comment">
        <textarea
          name="body"
          required
          rows={3}
          maxLength={2000}
          className="block rounded-md px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send comment"}
      </Button>
    </form>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Button } from "@/components/ui";

type Section = "summary" | "score" | "goals" | "pipeline" | "deals" | "actions" | "rep";

/**
 * A note of the review: read-only text, or a textarea with Save for whoever may write it. Read-only, its label is a
 * heading: h3 inside a section card (under the card's h2), h2 for the review's summary, which stands on its own.
 */
export function NotesEditor({
  label,
  heading: Heading = "h3",
  text,
  section,
  reviewId,
  version,
  editable,
  onSaved,
}: {
  label: string;
  heading?: "h2" | "h3";
  text: string;
  section: Section;
  reviewId: string;
  version: number;
  editable: boolean;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState(text);
  const managers = useMutation(trpc.reviews.writeNotes.mutationOptions({ onSuccess: onSaved }));
  const rep = useMutation(trpc.reviews.writeRepNotes.mutationOptions({ onSuccess: onSaved }));
  const saving = managers.isPending || rep.isPending;
  const error = managers.error ?? rep.error;
  if (!editable)
    return text ? (
      <div className="mt-3">
        <Heading className="text-sm font-semibold">{label}</Heading>
        <p className="text-sm whitespace-pre-wrap text-slate-800">{text}</p>
      </div>
    ) : null;
  const save = () =>
    section === "rep"
      ? rep.mutate({ reviewId, version, text: draft })
      : managers.mutate({ reviewId, version, section, text: draft });
  return (
    <div className="mt-3 space-y-2 print:hidden">
      <label className="block space-y-2">
        <span className="block text-sm font-semibold">{label}</span>
        <textarea
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          rows={3}
          className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
      </label>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <Button variant="secondary" onClick={save} disabled={saving || draft === text}>
        {saving ? "Saving…" : `Save ${label.toLowerCase()}`}
      </Button>
    </div>
  );
}

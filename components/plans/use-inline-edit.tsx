"use client";
import { useState, type ReactNode } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui";
import { ConflictPanel, InlineField, type Describe, type FieldSpec } from "./plan-fields";
import { useVersionedSave } from "./use-versioned-save";

type Current = Record<string, unknown> & { version: number };

/**
 * In-place editing of a versioned list item's fields (a step, a problem): one field open at a time, remembering the
 * version it was opened at, so a live reload of the plan while typing cannot turn a stale save into a silent
 * overwrite; the server answers CONFLICT and `feedback` shows the item as it is now next to the change, to re-apply
 * or discard. `field(key, display)` draws one field (an `InlineField`); `save` is the item's versioned save, for
 * other one-click changes of the row (a step's "Done" checkbox).
 */
export function useInlineEdit<K extends string, P extends object>({
  what,
  name,
  version,
  values,
  specs,
  describe,
  canEdit,
  save: send,
  refresh,
}: {
  /** "step", "problem": how the conflict panel names the item. */
  what: string;
  /** The item's name, for the fields' labels ("Owner of “Security review”"). */
  name: string;
  version: number;
  values: Record<K, string | null>;
  /** The item's field specs (those not edited in place may be among them). */
  specs: readonly FieldSpec[];
  describe: Describe;
  canEdit: boolean;
  save: (version: number, patch: P) => Promise<unknown>;
  refresh: () => void;
}) {
  const [edit, setEdit] = useState<{ key: K; draft: string; version: number } | null>(null);
  const save = useVersionedSave<Current, P>(send, () => {
    setEdit(null);
    refresh();
  });
  const cancel = () => {
    setEdit(null);
    save.reset();
  };
  const specOf = (key: K) => specs.find((spec) => spec.key === key)!;

  const field = (key: K, display: string): ReactNode => (
    <InlineField
      spec={specOf(key)}
      itemName={name}
      display={display}
      canEdit={canEdit}
      editing={edit?.key === key}
      draft={edit?.key === key ? edit.draft : ""}
      error={edit?.key === key && save.error ? (fieldErrors(save.error)[key] ?? errorMessage(save.error)) : null}
      pending={save.pending}
      onStart={() => {
        save.reset();
        setEdit({ key, draft: values[key] ?? "", version });
      }}
      onDraft={(draft) => setEdit({ key, draft, version: edit?.version ?? version })}
      onSave={() => {
        if (!edit) return;
        // An emptied date is "no date"; every other field saves its text as typed (the server trims and checks).
        const value = specOf(edit.key).kind === "date" ? edit.draft || null : edit.draft;
        void save.submit(edit.version, { [edit.key]: value } as P);
      }}
      onCancel={cancel}
    />
  );

  /** The conflict panel, or an error that belongs to no open field (a one-click change), or nothing. */
  const feedback: ReactNode = save.conflict ? (
    <ConflictPanel
      what={what}
      conflict={save.conflict}
      describe={describe}
      pending={save.pending}
      onReapply={() => void save.reapply()}
      onDiscard={() => {
        cancel();
        refresh();
      }}
    />
  ) : save.error && !edit ? (
    <Alert>{errorMessage(save.error)}</Alert>
  ) : null;

  return { field, save, feedback };
}

"use client";
import { useState } from "react";
import { conflictCurrent } from "@/components/trpc/errors";

/** A save the server refused because the record changed since it was read: what I sent and how it is now. */
export interface Conflict<T, P> {
  patch: P;
  theirs: T;
}

/**
 * Saves a patch of a versioned plan item (a problem, a step) from the version it was read at. A stale save does
 * not lose the input: the patch is kept next to the record as it is now, to re-apply on top of it in one call
 * (`reapply`) or to drop (`discard`). Other errors are kept as `error` for the form to show.
 */
export function useVersionedSave<T extends { version: number }, P extends object>(
  save: (version: number, patch: P) => Promise<unknown>,
  onSaved: () => void,
) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict<T, P> | null>(null);
  const submit = async (version: number, patch: P) => {
    setPending(true);
    setError(null);
    try {
      await save(version, patch);
      setConflict(null);
      onSaved();
    } catch (caught) {
      const theirs = conflictCurrent<T>(caught);
      if (theirs) setConflict({ patch, theirs });
      else {
        setConflict(null);
        setError(caught);
      }
    } finally {
      setPending(false);
    }
  };
  return {
    pending,
    error,
    conflict,
    submit,
    reapply: () => (conflict ? submit(conflict.theirs.version, conflict.patch) : Promise.resolve()),
    reset: () => {
      setError(null);
      setConflict(null);
    },
  };
}

export type VersionedSave<T extends { version: number }, P extends object> = ReturnType<typeof useVersionedSave<T, P>>;

/**
 * A form over a versioned record: what it started from (`base`, read at `version`), what is typed (`value`) and its
 * save. A live reload of the record while editing must not move the start (that would turn a stale save into a
 * silent overwrite instead of a CONFLICT). Only `discardMine`, after a conflict, moves it to the record as it is
 * now, which every field then shows, so the next save goes through; `focus` then puts the person at the form's top.
 */
export function useVersionedForm<V, T extends { version: number }, P extends object>({
  start,
  valueOf,
  save: send,
  onDone,
  focus,
}: {
  start: () => { base: V; version: number };
  valueOf: (theirs: T) => V;
  save: (version: number, patch: P) => Promise<unknown>;
  onDone: () => void;
  focus: () => void;
}) {
  const [{ base, version }, setStart] = useState(start);
  const [value, setValue] = useState(base);
  const save = useVersionedSave<T, P>(send, onDone);
  const discardMine = () => {
    const theirs = save.conflict?.theirs;
    if (!theirs) return onDone();
    const current = valueOf(theirs);
    setStart({ base: current, version: theirs.version });
    setValue(current);
    save.reset();
    focus(); // the panel and its button are gone
  };
  return { base, version, value, setValue, save, discardMine };
}

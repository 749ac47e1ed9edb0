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

"use client";
import { useState } from "react";
import { useVersionedSave } from "./use-versioned-save";

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

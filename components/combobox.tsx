"use client";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { cx, Input } from "@/components/ui";

export interface ComboboxItem {
  id: string;
  label: string;
  detail?: string;
}

/**
 * A searchable list box for choices too many to ship at once (WAI-ARIA combobox pattern): typing searches on the
 * server, the list loads its next page when scrolled or arrowed to the end, and Arrow keys, Enter, Escape and Home /
 * End work as in a native select. `clearLabel` adds a first choice that clears the value (e.g. "Anyone").
 */
export function Combobox({
  label,
  selected,
  onSelect,
  search,
  onSearch,
  items,
  status,
  hasMore,
  onLoadMore,
  clearLabel,
  emptyText = "Nothing matches",
  error,
}: {
  label: string;
  selected: ComboboxItem | null;
  onSelect: (id: string | null) => void;
  search: string;
  onSearch: (text: string) => void;
  items: ComboboxItem[];
  status: "loading" | "error" | "ready";
  hasMore: boolean;
  onLoadMore: () => void;
  clearLabel?: string;
  emptyText?: string;
  error?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const choices: (ComboboxItem | null)[] = clearLabel && !search ? [null, ...items] : items;
  const optionId = (index: number) => `${id}-option-${index}`;

  const move = (index: number) => {
    const next = Math.max(0, Math.min(choices.length - 1, index));
    setActive(next);
    if (next >= choices.length - 1 && hasMore) onLoadMore();
    list.current?.querySelector(`#${CSS.escape(optionId(next))}`)?.scrollIntoView({ block: "nearest" });
  };
  const choose = (choice: ComboboxItem | null) => {
    onSelect(choice?.id ?? null);
    onSearch("");
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => (open ? move(active + 1) : setOpen(true)),
      ArrowUp: () => open && move(active - 1),
      Home: () => open && move(0),
      End: () => open && move(choices.length - 1),
      Enter: () => open && active < choices.length && choose(choices[active] ?? null),
      Escape: () => {
        onSearch("");
        setOpen(false);
      },
    };
    const action = keys[event.key];
    if (!action || (!open && event.key !== "ArrowDown" && event.key !== "Escape")) return;
    event.preventDefault();
    action();
  };

  return (
    <div className="relative space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium text-slate-700">
        {label}
      </label>
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && choices.length > 0 ? optionId(active) : undefined}
        aria-invalid={Boolean(error)}
        autoComplete="off"
        className="w-full"
        placeholder={selected?.label ?? clearLabel ?? "Type to search"}
        value={open ? search : (selected?.label ?? "")}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          onSearch("");
          setOpen(false);
        }}
        onChange={(event) => {
          onSearch(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="absolute z-20 mt-1 w-full rounded-md bg-white shadow-lg ring-1 ring-slate-300">
          <ul
            id={`${id}-list`}
            ref={list}
            role="listbox"
            aria-label={label}
            className="max-h-64 overflow-y-auto py-1"
            onScroll={(event) => {
              const el = event.currentTarget;
              if (hasMore && el.scrollTop + el.clientHeight >= el.scrollHeight - 40) onLoadMore();
            }}
          >
            {choices.map((choice, index) => (
              <li
                key={choice?.id ?? ""}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={cx(
                  "cursor-pointer px-3 py-1.5",
                  index === active ? "bg-brand-600 text-white" : "text-slate-800",
                  (choice?.id ?? null) === (selected?.id ?? null) && "font-semibold",
                )}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(choice);
                }}
                onMouseEnter={() => setActive(index)}
              >
                {choice ? choice.label : clearLabel}
                {choice?.detail ? (
                  <span className={cx("ml-2 text-xs", index === active ? "text-white/80" : "text-slate-500")}>
                    {choice.detail}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p role="status" className="px-3 py-1.5 text-slate-600 empty:hidden">
            {status === "loading"
              ? "Loading…"
              : status === "error"
                ? "Could not load the list."
                : items.length === 0
                  ? emptyText
                  : hasMore
                    ? "Scroll for more"
                    : ""}
          </p>
        </div>
      ) : null}
      {error ? (
        <span role="alert" className="block text-sm text-red-600">
          {error}
        </span>
      ) : null}
    </div>
  );
}

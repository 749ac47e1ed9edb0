import type { ReactNode } from "react";

/** A set of checkboxes choosing some of `items` by id (controlled: `selected` in, the new ids out). */
export function CheckboxGroup({
  legend,
  items,
  selected,
  onChange,
  className = "mt-1 grid gap-1 sm:grid-cols-2",
  children,
}: {
  legend: ReactNode;
  items: readonly { id: string; label: ReactNode }[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  className?: string;
  /** Shown between the legend and the boxes, e.g. a note when there is nothing to choose. */
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {children}
      <div className={className}>
        {items.map((item) => (
          <label key={item.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(item.id)}
              onChange={(event) =>
                onChange(event.target.checked ? [...selected, item.id] : selected.filter((id) => id !== item.id))
              }
            />
            {item.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

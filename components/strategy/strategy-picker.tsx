"use client";
import { Select } from "@/components/ui";

export interface StrategyOption {
  id: string;
  name: string;
  status: string;
  startsOn: string;
  endsOn: string;
}

/** The "Strategy period" picker of the goals and team-alignment pages. */
export function StrategyPicker({
  strategies,
  value,
  onChange,
}: {
  strategies: readonly StrategyOption[];
  value: string;
  onChange: (strategyId: string) => void;
}) {
  return (
    <label className="block w-80 space-y-1">
      <span className="text-sm font-medium text-slate-700">Strategy period</span>
      <Select className="w-full" value={value} onChange={(event) => onChange(event.target.value)}>
        {strategies.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} · {s.status}
          </option>
        ))}
      </Select>
    </label>
  );
}

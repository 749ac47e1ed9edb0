"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState, type ChangeEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button, cx, Input, Options, Select } from "@/components/ui";
import { OwnerPicker } from "./owner-picker";
import { dealSearchParams, hasFilters, parseDealSearch, type DealSearch } from "./deal-search";
import {
  DEAL_FLAGS,
  DEAL_STAGES,
  FLAG_EXPLANATIONS,
  OPEN_STAGES,
  STAGE_LABELS,
  type DealStage,
} from "@/server/domain/labels";

/** The pipeline view state, read from and written to the URL. */
export function useDealSearch(): [DealSearch, (next: DealSearch) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = useMemo(() => parseDealSearch(params), [params]);
  const set = (next: DealSearch) => {
    const query = dealSearchParams(next).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [search, set];
}

const STAGE_PRESETS: { value: string; label: string; stages?: DealStage[] }[] = [
  { value: "", label: "All stages" },
  { value: "open", label: "Open pipeline", stages: [...OPEN_STAGES] },
  ...DEAL_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage], stages: [stage] })),
];

function stagePreset(stages: DealStage[] | undefined): string {
  if (!stages?.length) return "";
  const found = STAGE_PRESETS.find(
    (p) => p.stages && p.stages.length === stages.length && p.stages.every((s) => stages.includes(s)),
  );
  return found?.value ?? "custom";
}

/** A text filter that writes to the URL after the user pauses typing. */
function useDebounced(value: string, apply: (value: string) => void, delay = 400) {
  const [draft, setDraft] = useState(value);
  const [prev, setPrev] = useState(value);
  if (value !== prev) {
    setPrev(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => apply(draft), delay);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- apply changes identity every render
  }, [draft, value, delay]);
  return [draft, setDraft] as const;
}

/** A filter that picks one value, or none: `any` names the first choice (value "", no filter). */
function FilterSelect({
  label,
  any,
  value,
  onChange,
  children,
}: {
  label: string;
  any: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  children: ReactNode;
}) {
  return (
    <label className="space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <Select className="w-full" value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{any}</option>
        {children}
      </Select>
    </label>
  );
}

type RangeEnd = InputHTMLAttributes<HTMLInputElement> & { label: string };

/** A filter between two values (either end optional) under one legend; `type`, `inputMode`: both ends'. */
function RangeFilter({
  legend,
  className,
  from,
  to,
  ...both
}: Pick<RangeEnd, "type" | "inputMode"> & { legend: string; className?: string; from: RangeEnd; to: RangeEnd }) {
  const end = ({ label, ...input }: RangeEnd) => (
    <Input aria-label={label} className="min-w-0 flex-1" {...both} {...input} />
  );
  return (
    <fieldset className={cx("min-w-0 space-y-1 text-sm", className)}>
      <legend className="font-medium text-slate-700">{legend}</legend>
      <div className="flex items-center gap-2">
        {end(from)}
        <span aria-hidden>–</span>
        {end(to)}
      </div>
    </fieldset>
  );
}

export function PipelineFilters({
  search,
  onChange,
  showOwner,
}: {
  search: DealSearch;
  onChange: (next: DealSearch) => void;
  showOwner: boolean;
}) {
  const trpc = useTRPC();
  const options = useQuery(trpc.deals.options.queryOptions());
  const f = search.filters;
  const patch = (changes: Partial<DealSearch["filters"]>) => {
    const filters = { ...f, ...changes };
    for (const key of Object.keys(filters) as (keyof typeof filters)[]) {
      const value = filters[key];
      if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete filters[key];
    }
    onChange({ ...search, filters });
  };
  const [q, setQ] = useDebounced(f.search ?? "", (value) => patch({ search: value.trim() || undefined }));
  const [min, setMin] = useDebounced(f.amountMin ?? "", (value) =>
    patch({ amountMin: /^\d{1,12}(\.\d{1,2})?$/.test(value) ? value : undefined }),
  );
  const [max, setMax] = useDebounced(f.amountMax ?? "", (value) =>
    patch({ amountMax: /^\d{1,12}(\.\d{1,2})?$/.test(value) ? value : undefined }),
  );
  const preset = stagePreset(f.stages);
  const setDate = (key: "closeFrom" | "closeTo") => (event: ChangeEvent<HTMLInputElement>) =>
    patch({ [key]: event.target.value || undefined });

  return (
    <form
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
      aria-label="Pipeline filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <label className="space-y-1 text-sm">
        <span className="font-medium text-slate-700">Search</span>
        <Input
          type="search"
          className="w-full"
          placeholder="Deal or account name"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
      </label>
      <label className="space-y-1 text-sm">
        <span className="font-medium text-slate-700">Stage</span>
        <Select
          className="w-full"
          value={preset}
          onChange={(event) => patch({ stages: STAGE_PRESETS.find((p) => p.value === event.target.value)?.stages })}
        >
          {preset === "custom" ? (
            <option value="custom">{f.stages?.map((s) => STAGE_LABELS[s]).join(", ")}</option>
          ) : null}
          {STAGE_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </label>
      {showOwner ? (
        <OwnerPicker
          value={f.ownerIds?.[0] ?? null}
          onChange={(id) => patch({ ownerIds: id ? [id] : undefined })}
          clearLabel="Anyone"
        />
      ) : null}
      {showOwner ? (
        <FilterSelect label="Team" any="Any team" value={f.teamId} onChange={(teamId) => patch({ teamId })}>
          {options.data?.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </FilterSelect>
      ) : null}
      <FilterSelect
        label="Objective"
        any="Any objective"
        value={f.objectiveId}
        onChange={(objectiveId) => patch({ objectiveId })}
      >
        {options.data?.objectives.map((objective) => (
          <option key={objective.id} value={objective.id}>
            {objective.title} ({objective.weight})
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Flag"
        any="Any alignment"
        value={f.flag}
        onChange={(flag) => patch({ flag: flag as DealSearch["filters"]["flag"] })}
      >
        <Options values={DEAL_FLAGS} label={(flag) => FLAG_EXPLANATIONS[flag].title} />
      </FilterSelect>
      <RangeFilter
        legend="Close date"
        className="sm:col-span-2"
        type="date"
        from={{ label: "Close date from", value: f.closeFrom ?? "", onChange: setDate("closeFrom") }}
        to={{ label: "Close date to", value: f.closeTo ?? "", min: f.closeFrom, onChange: setDate("closeTo") }}
      />
      <RangeFilter
        legend="Amount"
        inputMode="decimal"
        from={{ label: "Minimum amount", placeholder: "Min", value: min, onChange: (e) => setMin(e.target.value) }}
        to={{ label: "Maximum amount", placeholder: "Max", value: max, onChange: (e) => setMax(e.target.value) }}
      />
      {hasFilters(search) ? (
        <div className="flex items-end">
          <Button variant="ghost" onClick={() => onChange({ ...search, filters: {} })}>
            Clear filters
          </Button>
        </div>
      ) : null}
    </form>
  );
}

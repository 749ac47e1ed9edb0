/**
 * The pipeline's view state in the URL (so a view can be shared): filters and sort as search params.
 * Pure; used by the pipeline pages (client) and the CSV export route (server). Values that do not parse
 * are dropped, so a hand-edited URL never breaks the page.
 */
import { DEAL_FLAGS, DEAL_STAGES, OPEN_STAGES, type DealFlag, type DealStage } from "@/server/domain/deal-alignment";
import { isUuid, UUID_PATTERN } from "@/server/domain/ids";

export const SORTS = ["closeDate", "amount", "score", "name", "updatedAt"] as const;
export type SortBy = (typeof SORTS)[number];

export interface DealSearch {
  filters: {
    ownerIds?: string[];
    teamId?: string;
    stages?: DealStage[];
    objectiveId?: string;
    flag?: DealFlag;
    accountId?: string;
    closeFrom?: string;
    closeTo?: string;
    amountMin?: string;
    amountMax?: string;
    search?: string;
  };
  sort: { by: SortBy; dir: "asc" | "desc" };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

type Params = { getAll(name: string): string[]; get(name: string): string | null };

export function parseDealSearch(params: Params): DealSearch {
  const filters: DealSearch["filters"] = {};
  const owners = params.getAll("owner").filter((v) => isUuid(v));
  if (owners.length) filters.ownerIds = owners.slice(0, 50);
  // "open" stands for every open stage: the pipeline's usual view, short enough to share.
  const stages = params
    .getAll("stage")
    .flatMap((v): DealStage[] =>
      v === "open" ? [...OPEN_STAGES] : (DEAL_STAGES as readonly string[]).includes(v) ? [v as DealStage] : [],
    );
  if (stages.length) filters.stages = [...new Set(stages)];
  const one = (name: string, pattern: RegExp) => {
    const value = params.get(name);
    return value && pattern.test(value) ? value : undefined;
  };
  filters.teamId = one("team", UUID_PATTERN);
  filters.objectiveId = one("objective", UUID_PATTERN);
  filters.accountId = one("account", UUID_PATTERN);
  const flag = params.get("flag");
  if (flag && (DEAL_FLAGS as readonly string[]).includes(flag)) filters.flag = flag as DealFlag;
  filters.closeFrom = one("from", DATE);
  filters.closeTo = one("to", DATE);
  if (filters.closeFrom && filters.closeTo && filters.closeFrom > filters.closeTo) filters.closeTo = undefined;
  filters.amountMin = one("min", AMOUNT);
  filters.amountMax = one("max", AMOUNT);
  const q = params.get("q")?.trim();
  if (q) filters.search = q.slice(0, 100);
  for (const key of Object.keys(filters) as (keyof DealSearch["filters"])[])
    if (filters[key] === undefined) delete filters[key];
  const by = params.get("sort");
  const dir = params.get("dir");
  return {
    filters,
    sort: {
      by: (SORTS as readonly string[]).includes(by ?? "") ? (by as SortBy) : "closeDate",
      dir: dir === "desc" ? "desc" : "asc",
    },
  };
}

export function dealSearchParams(search: DealSearch): URLSearchParams {
  const params = new URLSearchParams();
  const f = search.filters;
  for (const owner of f.ownerIds ?? []) params.append("owner", owner);
  if (isOpenPipeline(f.stages)) params.append("stage", "open");
  else for (const stage of f.stages ?? []) params.append("stage", stage);
  if (f.teamId) params.set("team", f.teamId);
  if (f.objectiveId) params.set("objective", f.objectiveId);
  if (f.accountId) params.set("account", f.accountId);
  if (f.flag) params.set("flag", f.flag);
  if (f.closeFrom) params.set("from", f.closeFrom);
  if (f.closeTo) params.set("to", f.closeTo);
  if (f.amountMin) params.set("min", f.amountMin);
  if (f.amountMax) params.set("max", f.amountMax);
  if (f.search) params.set("q", f.search);
  if (search.sort.by !== "closeDate") params.set("sort", search.sort.by);
  if (search.sort.dir !== "asc") params.set("dir", search.sort.dir);
  return params;
}

const isOpenPipeline = (stages: DealStage[] | undefined) =>
  stages?.length === OPEN_STAGES.length && OPEN_STAGES.every((stage) => stages.includes(stage));

export const hasFilters = (search: DealSearch) => Object.keys(search.filters).length > 0;

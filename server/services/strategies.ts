/** Loading strategies with their objectives (raw SQL, one statement each; dates as YYYY-MM-DD text). */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";

export type StrategyStatus = "draft" | "active" | "archived";
export type FocusDimension = "industry" | "segment" | "region" | "product";

export interface StrategySummary {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  status: StrategyStatus;
  version: number;
  objectiveCount: number;
  weightTotal: number;
}

export interface ObjectiveDetail {
  id: string;
  title: string;
  description: string;
  weight: number;
  ownerId: string | null;
  ownerName: string | null;
  position: number;
  focus: { dimension: FocusDimension; value: string }[];
}

/** A strategy with its objectives (the summary's own fields, without its counts). */
export interface StrategyDetail extends Omit<StrategySummary, "objectiveCount" | "weightTotal"> {
  objectives: ObjectiveDetail[];
}

/** Strategies of the organization, newest period first; drafts only when asked for. One statement. */
export async function listStrategies(db: Database, orgId: string, includeDrafts: boolean): Promise<StrategySummary[]> {
  return selectRows<StrategySummary>(
    db,
    sql`select s.id, s.name, s.starts_on::text as "startsOn", s.ends_on::text as "endsOn", s.status, s.version,
          count(o.id)::int as "objectiveCount", coalesce(sum(o.weight), 0)::int as "weightTotal"
        from strategies s
        left join objectives o on o.org_id = s.org_id and o.strategy_id = s.id
        where s.org_id = ${orgId} ${includeDrafts ? sql`` : sql`and s.status <> 'draft'`}
        group by s.org_id, s.id
        order by s.starts_on desc, s.name, s.id`,
  );
}

/**
 * A strategy with its objectives (owner names, focus rules) as one JSON object, for the strategies aliased `s` of a
 * statement: loadStrategy's answer, and the home's context reads its candidates with it in the same round trip.
 */
export const strategyDetailJson = sql`json_build_object('id', s.id, 'name', s.name, 'startsOn', s.starts_on::text,
  'endsOn', s.ends_on::text, 'status', s.status, 'version', s.version,
  'objectives', coalesce((
    select json_agg(json_build_object(
      'id', o.id, 'title', o.title, 'description', o.description, 'weight', o.weight,
      'ownerId', o.owner_id, 'ownerName', u.name, 'position', o.position,
      'focus', coalesce((
        select json_agg(json_build_object('dimension', f.dimension, 'value', f.value) order by f.dimension, f.value)
        from objective_focus f where f.org_id = o.org_id and f.objective_id = o.id), '[]'::json)
    ) order by o.position, o.title, o.id)
    from objectives o left join users u on u.id = o.owner_id
    where o.org_id = s.org_id and o.strategy_id = s.id), '[]'::json))`;

/** A strategy with its objectives (owner names, focus rules), or null. One statement. */
export async function loadStrategy(db: Database, orgId: string, strategyId: string): Promise<StrategyDetail | null> {
  const [row] = await selectRows<{ detail: StrategyDetail }>(
    db,
    sql`select ${strategyDetailJson} as detail from strategies s where s.org_id = ${orgId} and s.id = ${strategyId}`,
  );
  return row?.detail ?? null;
}

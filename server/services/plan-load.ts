/**
 * Loading a whole account plan for its page in one SQL statement (issue 12's benchmark: 200 stakeholders and
 * 500 steps): each part of the plan is a `json_agg` subquery on an index leading with `org_id` (the plan's
 * problems, steps, collaborators and stakeholders by `(org_id, plan_id)`, the account's contacts and deals by
 * `(org_id, account_id)`, deals and dependencies per row through their primary keys), so the page costs one round
 * trip whatever its size and nothing is fetched per row. Access is checked by the caller (plan-access.ts).
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import type { deals, planCollaborators, planProblems, planStakeholders, planSteps } from "@/db/schema";
import type { STANCES } from "@/server/domain/deal-alignment";
import type { Visibility } from "./deal-access";
import type { PlanInContext } from "./plan-access";

type Problem = typeof planProblems.$inferSelect;
type Step = typeof planSteps.$inferSelect;
type Stakeholder = typeof planStakeholders.$inferSelect;

/** The rows as the statement builds them (timestamps arrive as JSON text and are turned into dates below). */
interface PlanJson {
  header: { customerObjectives: string; templateId: string | null; updatedAt: string };
  collaborators: { userId: string; name: string; access: (typeof planCollaborators.$inferSelect)["access"] }[];
  problems: (Pick<Problem, "id" | "problem" | "solution" | "impact" | "status" | "customerVisible" | "version"> & {
    dealIds: string[];
  })[];
  steps: (Pick<Step, "id" | "title" | "side" | "ownerName" | "dueOn" | "status" | "customerVisible" | "version"> & {
    completedAt: string | null;
    completedByCustomer: boolean;
    dependsOn: string[];
  })[];
  contacts: {
    contactId: string;
    name: string;
    title: string | null;
    reportsToId: string | null;
    onMap: boolean;
    buyingRole: Stakeholder["buyingRole"];
    influence: number;
    stance: (typeof STANCES)[number];
    personalWin: string;
    approach: string;
    relationshipOwnerId: string | null;
    relationshipOwnerName: string | null;
    version: number;
  }[];
  deals: { id: string; name: string; stage: (typeof deals.$inferSelect)["stage"] }[];
}

const list = (rows: unknown) => sql`coalesce(${rows}, '[]'::json)`;

/** The plan's parts as stored, in the page's order; `null` when the plan is gone. */
export async function selectPlanParts(db: Database, visibility: Visibility, plan: PlanInContext) {
  const orgId = visibility.actor.orgId;
  const [row] = await selectRows<{ plan: PlanJson | string }>(
    db,
    sql`select json_build_object(
  'header', (
    select json_build_object(
      'customerObjectives', ap.customer_objectives, 'templateId', ap.template_id, 'updatedAt', ap.updated_at)
    from account_plans ap where ap.org_id = ${orgId} and ap.id = ${plan.id}),
  'collaborators', (
    select ${list(sql`json_agg(json_build_object('userId', pc.user_id, 'name', u.name, 'access', pc.access)
      order by u.name)`)}
    from plan_collaborators pc join users u on u.id = pc.user_id
    where pc.org_id = ${orgId} and pc.plan_id = ${plan.id}),
  'problems', (
    select ${list(sql`json_agg(json_build_object(
      'id', pp.id, 'problem', pp.problem, 'solution', pp.solution, 'impact', pp.impact, 'status', pp.status,
      'customerVisible', pp.customer_visible, 'version', pp.version,
      'dealIds', coalesce((select array_agg(ppd.deal_id order by ppd.deal_id) from plan_problem_deals ppd
        where ppd.org_id = pp.org_id and ppd.problem_id = pp.id), '{}'::uuid[]))
      order by pp.position, pp.id)`)}
    from plan_problems pp where pp.org_id = ${orgId} and pp.plan_id = ${plan.id}),
  'steps', (
    select ${list(sql`json_agg(json_build_object(
      'id', ps.id, 'title', ps.title, 'side', ps.side, 'ownerName', ps.owner_name, 'dueOn', ps.due_on,
      'status', ps.status, 'customerVisible', ps.customer_visible, 'completedAt', ps.completed_at,
      'completedByCustomer', ps.completed_by_link_id is not null, 'version', ps.version,
      'dependsOn', coalesce((select array_agg(psd.depends_on_id order by psd.depends_on_id)
        from plan_step_dependencies psd where psd.org_id = ps.org_id and psd.step_id = ps.id), '{}'::uuid[]))
      order by ps.position, ps.due_on nulls last, ps.id)`)}
    from plan_steps ps where ps.org_id = ${orgId} and ps.plan_id = ${plan.id}),
  'contacts', (
    select ${list(sql`json_agg(json_build_object(
      'contactId', c.id, 'name', c.name, 'title', c.title, 'reportsToId', c.reports_to_id,
      'onMap', sh.contact_id is not null, 'buyingRole', sh.buying_role, 'influence', coalesce(sh.influence, 3),
      'stance', coalesce(sh.stance::text, 'unknown'), 'personalWin', coalesce(sh.personal_win, ''),
      'approach', coalesce(sh.approach, ''), 'relationshipOwnerId', sh.relationship_owner_id,
      'relationshipOwnerName', ru.name, 'version', coalesce(sh.version, 0))
      order by c.name, c.id)`)}
    from contacts c
    left join plan_stakeholders sh on sh.org_id = c.org_id and sh.plan_id = ${plan.id} and sh.contact_id = c.id
    left join users ru on ru.id = sh.relationship_owner_id
    where c.org_id = ${orgId} and c.account_id = ${plan.accountId}),
  'deals', (
    select ${list(sql`json_agg(json_build_object('id', deals.id, 'name', deals.name, 'stage', deals.stage)
      order by deals.name)`)}
    from deals where deals.org_id = ${orgId} and deals.account_id = ${plan.accountId} and ${visibility.deals})
) as plan`,
  );
  const parts = typeof row?.plan === "string" ? (JSON.parse(row.plan) as PlanJson) : row?.plan;
  if (!parts?.header) return null;
  return {
    ...parts,
    header: { ...parts.header, updatedAt: new Date(parts.header.updatedAt) },
    steps: parts.steps.map((step) => ({ ...step, completedAt: step.completedAt ? new Date(step.completedAt) : null })),
  };
}

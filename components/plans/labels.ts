/**
 * Labels of the account plan's values, shared by the plan's tabs and the customer view (buying roles and stances:
 * server/domain/labels.ts, as everywhere).
 */
export const PLAN_STATUS_LABELS = { draft: "Draft", active: "Active", archived: "Archived" } as const;
export const PROBLEM_STATUS_LABELS = { open: "Open", addressed: "Addressed", parked: "Parked" } as const;
export const SIDE_LABELS = { us: "Us", customer: "Customer" } as const;
export const ACCESS_LABELS = { owner: "Owner", editor: "Editor", viewer: "Viewer" } as const;
/** What an activity entry says, from its audit action. */
export function describePlanAction(action: string): string {
  const known: Record<string, string> = {
    "plan.created": "created the plan",
    "plan.updated": "edited the plan",
    "plan.archived": "archived the plan",
    "plan.collaborator_set": "changed a collaborator",
    "plan.collaborator_removed": "removed a collaborator",
    "plan.problem_added": "added a problem",
    "plan.problem_updated": "updated a problem",
    "plan.problem_removed": "removed a problem",
    "plan.step_added": "added a step",
    "plan.step_updated": "updated a step",
    "plan.step_removed": "removed a step",
    "plan.stakeholder_set": "updated the stakeholder map",
    "plan.stakeholder_removed": "took someone off the stakeholder map",
    "plan.reports_to_changed": "changed the org chart",
    "plan.commented": "commented",
    "plan.share_link_created": "created a share link",
    "plan.share_link_revoked": "revoked a share link",
    "plan.customer_step_done": "marked a customer step done (customer view)",
    "plan.customer_opened": "opened the customer view",
    "plan.customer_commented": "commented (customer view)",
  };
  return known[action] ?? action;
}

/**
 * An audit event in words: what happened (a sentence without the actor, who has a column of their own) and
 * each changed field as "before → after". Ids inside an event are shown as names where the page knows them
 * (members, teams); the entity's current name comes from the server (`entityName`).
 */
import { describeEvent as describeDealEvent } from "@/components/deals/deal-timeline";
import { entityTypeLabel } from "@/server/domain/audit-filter-rules";
import { describeSsoEvent } from "./describe-sso";
import { asObject, diff, NO_NAMES, showValue, type AuditChange, type AuditNames, type Json } from "./changes";

export type { AuditChange, AuditNames } from "./changes";

export interface AuditEventLike {
  action: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditDescription {
  summary: string;
  changes: AuditChange[];
}

interface Objective {
  id: string;
  title: string;
  weight: number;
  ownerId: string | null;
  focus: unknown;
}

/** A strategy edit: its own fields, then each objective added, removed or changed. */
function strategyChanges(before: Json, after: Json, names: AuditNames): AuditChange[] {
  const changes = diff(before, after, names, ["objectives"]);
  const list = (value: Json) => (Array.isArray(value?.objectives) ? (value.objectives as Objective[]) : []);
  const old = new Map(list(before).map((o) => [o.id, o]));
  const now = new Map(list(after).map((o) => [o.id, o]));
  for (const o of now.values()) {
    const was = old.get(o.id);
    if (!was) {
      changes.push({ field: "objective added", before: "—", after: `${o.title} (weight ${o.weight})` });
      continue;
    }
    if (was.title !== o.title) changes.push({ field: "objective title", before: was.title, after: o.title });
    if (was.weight !== o.weight)
      changes.push({ field: `weight of “${o.title}”`, before: String(was.weight), after: String(o.weight) });
    if (was.ownerId !== o.ownerId)
      changes.push({
        field: `owner of “${o.title}”`,
        before: showValue("ownerId", was.ownerId, names),
        after: showValue("ownerId", o.ownerId, names),
      });
    if (JSON.stringify(was.focus) !== JSON.stringify(o.focus))
      changes.push({ field: `focus of “${o.title}”`, before: "previous rules", after: "new rules" });
  }
  for (const o of old.values())
    if (!now.has(o.id))
      changes.push({ field: "objective removed", before: `${o.title} (weight ${o.weight})`, after: "—" });
  return changes;
}

const quoted = (value: unknown) => (value === null || value === undefined || value === "" ? "" : `“${String(value)}”`);

/** The event in words; unknown actions fall back to the action code and a field-by-field diff. */
export function describeAuditEvent(event: AuditEventLike, names: AuditNames = NO_NAMES): AuditDescription {
  const before = asObject(event.before);
  const after = asObject(event.after);
  const entity = event.entityName ? quoted(event.entityName) : "";
  const named = (fallback: string) => entity || fallback;
  const changes = (skip: readonly string[] = []) => diff(before, after, names, skip);
  const only = (summary: string, list: AuditChange[] = []): AuditDescription => ({ summary, changes: list });
  // A member who rejoins through an invitation is reactivated / given the invitation's role by accepting it.
  const viaInvitation = after?.invitationId ? " by accepting an invitation" : "";

  switch (event.action) {
    // Organization
    case "organization.created":
      return only(`created the organization ${quoted(after?.name)}`);
    case "organization.renamed":
      return only("renamed the organization", changes());

    // Members and invitations
    case "member.role_changed":
      return only(`changed the role of ${named("a member")}${viaInvitation}`, changes(["invitationId"]));
    case "member.team_changed": {
      const teamIds = Array.isArray(before?.teamIds) ? (before.teamIds as string[]) : [];
      const moved = Number(after?.openDealsMoved ?? 0);
      return only(`moved ${named("a member")} to ${showValue("teamId", after?.teamId, names)}`, [
        {
          field: "teams",
          before: showValue("teamIds", teamIds, names),
          after: showValue("teamId", after?.teamId, names),
        },
        ...(moved > 0 ? [{ field: "open deals moved", before: "—", after: String(moved) }] : []),
      ]);
    }
    case "member.deactivated":
      return only(`deactivated ${named("a member")}`);
    case "member.reactivated":
      return only(`reactivated ${named("a member")}${viaInvitation}`);
    case "member.signed_out_everywhere":
      return only("signed out everywhere (every session of theirs ended)");
    case "member.invited":
      return only(`invited ${String(after?.email ?? "someone")} as ${showValue("role", after?.role)}`);
    case "invitation.created":
      return only(
        `invited ${String(after?.email ?? "someone")} as ${showValue("role", after?.role)}${after?.teamId ? ` to ${showValue("teamId", after.teamId, names)}` : ""}`,
      );
    case "invitation.revoked":
      return only(`revoked the invitation of ${String(before?.email ?? (event.entityName || "someone"))}`);
    case "invitation.accepted":
      return only(
        `accepted the invitation (${String(after?.email ?? "")}) and joined as ${showValue("role", after?.role)}`,
      );

    // Teams
    case "team.created":
      return only(
        `created the team ${quoted(after?.name)}${after?.parentTeamId ? ` under ${showValue("parentTeamId", after.parentTeamId, names)}` : ""}`,
      );
    case "team.renamed":
      return only("renamed a team", changes());
    case "team.moved":
      return only(`moved the team ${named("")}`.trim(), changes());
    case "team.manager_added":
      return only(`made ${showValue("userId", after?.userId, names)} a manager of ${named("a team")}`);
    case "team.manager_removed":
      return only(`removed ${showValue("userId", after?.userId, names)} as a manager of ${named("a team")}`);

    // Strategies and goals
    case "strategy.created":
      return only(`created the strategy ${quoted(after?.name)}`);
    case "strategy.updated":
      return only(`edited the active strategy ${quoted(after?.name) || entity}`, strategyChanges(before, after, names));
    case "strategy.activated":
      return only(`activated the strategy ${named("")}`.trim(), changes());
    case "strategy.archived":
      return only(`archived the strategy ${named("")}`.trim(), changes());
    case "strategy.duplicated":
      return only(`duplicated ${quoted(before?.name)} as ${quoted(after?.name) || "a new draft"}`);
    case "strategy.deleted":
      return only(`deleted the draft strategy ${quoted(before?.name)}`);
    case "goal.deleted":
      return only(
        `deleted a ${showValue("visibility", before?.visibility)} ${showValue("category", before?.category).toLowerCase()} goal ${quoted(before?.title)}`.trim(),
      );
    case "goal.visibility_changed":
      return only(
        `changed who sees a ${showValue("category", after?.category).toLowerCase()} goal ${quoted(after?.title)}`.trim(),
        [
          {
            field: "visible to",
            before: showValue("visibility", before?.visibility),
            after: showValue("visibility", after?.visibility),
          },
        ],
      );

    // Accounts, contacts, reasons, imports
    case "account.created":
      return only(
        `created the account ${quoted(after?.name)}${after?.source === "import" ? " (CSV import)" : ""}`,
        after?.ownerId ? [{ field: "owner", before: "—", after: showValue("ownerId", after.ownerId, names) }] : [],
      );
    case "account.updated":
      return only(`edited the account ${named("")}`.trim(), changes());
    case "contact.created":
      return only(`added the contact ${quoted(after?.name)}${after?.title ? `, ${String(after.title)}` : ""}`);
    case "contact.updated":
      return only(`edited the contact ${named("")}`.trim(), changes());
    case "reason.created":
      return only(`added the disqualification reason ${quoted(after?.label)}`);
    case "reason.renamed":
      return only("renamed a disqualification reason", changes());
    case "reason.archived":
      return only(`archived the disqualification reason ${named("")}`.trim());
    case "reason.restored":
      return only(`restored the disqualification reason ${named("")}`.trim());
    case "import.completed": {
      const count = (key: string) => Number(after?.[key] ?? 0);
      const accountsCreated = count("accountsCreated");
      return only(
        `imported ${count("rows")} ${after?.kind === "accounts" ? "account" : "deal"} row${count("rows") === 1 ? "" : "s"} from a CSV: ${count("created")} created, ${count("updated")} updated${accountsCreated > 0 ? `, ${accountsCreated} new account${accountsCreated === 1 ? "" : "s"}` : ""}`,
      );
    }

    // Plans and reviews (written by the demo seed)
    case "plan.created":
      return only(`created the account plan ${quoted(after?.title)}`);
    case "review.shared":
      return only("shared a review", changes());

    // Integrations (docs/api.md)
    case "api_key.created":
      return only(`created the API key ${quoted(after?.name)} with ${String(after?.scope)} access`);
    case "api_key.revoked":
      return only(`revoked the API key ${quoted(before?.name)}`);
    case "api.write":
      return only(`changed a record through the API (${String(after?.procedure)})`);
    case "webhook.created":
      return only(`added the webhook ${quoted(after?.url)}`, changes(["url"]));
    case "webhook.paused":
    case "webhook.resumed":
      return only(`${event.action === "webhook.paused" ? "paused" : "resumed"} the webhook ${quoted(after?.url)}`);
    case "webhook.deleted":
      return only(`removed the webhook ${quoted(before?.url)}`);
  }

  const sso = describeSsoEvent(event.action, after);
  if (sso) return only(sso, event.action.startsWith("sso.config") ? changes() : []);

  if (event.action.startsWith("deal.")) {
    const text = describeDealEvent(event.action, before, after);
    if (text !== event.action) {
      // Field edits read better as a list; the sentence names the deal.
      if (event.action === "deal.updated") return only(`edited the deal ${named("")}`.trim(), changes());
      if (event.action === "deal.imported")
        return only(`updated the deal ${named("")}`.trim() + " from a CSV import", changes(["externalId"]));
      if (event.action === "deal.stakeholder_updated")
        return only(`updated the stakeholder ${quoted(after?.contactName)}`, changes(["stakeholderId", "contactName"]));
      return only(text);
    }
  }
  return only(`${event.action} (${entityTypeLabel(event.entityType).toLowerCase()})`, changes());
}

/**
 * The REST API's routes (docs/api.md): each one names an app procedure; its input and output schemas are that
 * procedure's own, so the REST API cannot drift from the app. Queries whose input is flat use GET (path and query
 * parameters); lists whose input nests filters and cursors take the same input as a JSON body on POST …/query.
 */
import type { OpenApiMethod } from "trpc-to-openapi";

export interface RestRoute {
  /** The app procedure it calls, e.g. "deals.update". */
  procedure: string;
  method: OpenApiMethod;
  /** Under /api/v1; `{name}` takes the input field of that name. */
  path: `/${string}`;
  tag: string;
  summary: string;
}

export const REST_ROUTES: readonly RestRoute[] = [
  {
    procedure: "accounts.list",
    method: "POST",
    path: "/accounts/query",
    tag: "accounts",
    summary: "List accounts (keyset pagination, search)",
  },
  {
    procedure: "accounts.get",
    method: "GET",
    path: "/accounts/{accountId}",
    tag: "accounts",
    summary: "Get an account",
  },
  { procedure: "accounts.create", method: "POST", path: "/accounts", tag: "accounts", summary: "Create an account" },
  {
    procedure: "accounts.update",
    method: "PATCH",
    path: "/accounts/{accountId}",
    tag: "accounts",
    summary: "Update an account",
  },
  {
    procedure: "contacts.list",
    method: "GET",
    path: "/accounts/{accountId}/contacts",
    tag: "contacts",
    summary: "List an account's contacts",
  },
  {
    procedure: "contacts.create",
    method: "POST",
    path: "/accounts/{accountId}/contacts",
    tag: "contacts",
    summary: "Add a contact to an account",
  },
  {
    procedure: "contacts.update",
    method: "PATCH",
    path: "/contacts/{contactId}",
    tag: "contacts",
    summary: "Update a contact",
  },
  {
    procedure: "deals.list",
    method: "POST",
    path: "/deals/query",
    tag: "deals",
    summary: "List deals (keyset pagination, filters, sort)",
  },
  {
    procedure: "deals.get",
    method: "GET",
    path: "/deals/{dealId}",
    tag: "deals",
    summary: "Get a deal with its stakeholders and alignment score",
  },
  { procedure: "deals.create", method: "POST", path: "/deals", tag: "deals", summary: "Create a deal" },
  {
    procedure: "deals.update",
    method: "PATCH",
    path: "/deals/{dealId}",
    tag: "deals",
    summary: "Update a deal (names the version it read; stale → 409)",
  },
  {
    procedure: "deals.move",
    method: "POST",
    path: "/deals/{dealId}/stage",
    tag: "deals",
    summary: "Move a deal to another stage",
  },
  {
    procedure: "deals.disqualify",
    method: "POST",
    path: "/deals/{dealId}/disqualify",
    tag: "deals",
    summary: "Disqualify a deal",
  },
  {
    procedure: "stakeholders.add",
    method: "POST",
    path: "/deals/{dealId}/stakeholders",
    tag: "stakeholders",
    summary: "Add a stakeholder to a deal",
  },
  {
    procedure: "stakeholders.update",
    method: "PATCH",
    path: "/stakeholders/{stakeholderId}",
    tag: "stakeholders",
    summary: "Update a stakeholder (with version)",
  },
  {
    procedure: "stakeholders.remove",
    method: "DELETE",
    path: "/stakeholders/{stakeholderId}",
    tag: "stakeholders",
    summary: "Remove a stakeholder",
  },
  { procedure: "strategy.list", method: "GET", path: "/strategies", tag: "strategies", summary: "List strategies" },
  {
    procedure: "strategy.get",
    method: "GET",
    path: "/strategies/{strategyId}",
    tag: "strategies",
    summary: "Get a strategy with its objectives",
  },
  {
    procedure: "strategy.create",
    method: "POST",
    path: "/strategies",
    tag: "strategies",
    summary: "Create a draft strategy",
  },
  {
    procedure: "strategy.update",
    method: "PUT",
    path: "/strategies/{strategyId}",
    tag: "strategies",
    summary: "Save a strategy with all its objectives (names the version it read; stale → 409)",
  },
  {
    procedure: "strategy.activate",
    method: "POST",
    path: "/strategies/{strategyId}/activate",
    tag: "strategies",
    summary: "Activate a draft strategy (weights sum to 100, no overlapping active period)",
  },
  {
    procedure: "strategy.archive",
    method: "POST",
    path: "/strategies/{strategyId}/archive",
    tag: "strategies",
    summary: "Archive a strategy (read-only from then on)",
  },
  {
    procedure: "strategy.duplicate",
    method: "POST",
    path: "/strategies/{strategyId}/duplicate",
    tag: "strategies",
    summary: "Start a draft for another period from a copy of this strategy",
  },
  {
    procedure: "strategy.delete",
    method: "DELETE",
    path: "/strategies/{strategyId}",
    tag: "strategies",
    summary: "Delete a draft strategy",
  },
  {
    procedure: "goals.shared",
    method: "GET",
    path: "/strategies/{strategyId}/goals",
    tag: "goals",
    summary: "Goals shared with the organization in a strategy period",
  },
  {
    procedure: "goals.create",
    method: "POST",
    path: "/strategies/{strategyId}/goals",
    tag: "goals",
    summary: "Create a goal of the key's creator in an active strategy",
  },
  {
    procedure: "goals.update",
    method: "PUT",
    path: "/goals/{goalId}",
    tag: "goals",
    summary: "Save a goal of the key's creator with its links (names the version it read; stale → 409)",
  },
  {
    procedure: "goals.delete",
    method: "DELETE",
    path: "/goals/{goalId}",
    tag: "goals",
    summary: "Delete a goal of the key's creator",
  },
  {
    procedure: "alignment.teamHeatmap",
    method: "GET",
    path: "/strategies/{strategyId}/alignment",
    tag: "alignment",
    summary: "A team's alignment: figures over every rep, a page of reps in full (50 by default, at most 200)",
  },
];

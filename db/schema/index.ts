/**
 * The complete Tandem schema (DESIGN.md "Domain model"), one module per domain.
 *
 * Conventions, so that a row can never point into another organization and the schema can later be
 * distributed by org_id:
 * - every tenant table carries `org_id` and its primary key starts with it: `(org_id, id)`;
 * - every foreign key between tenant tables includes `org_id`;
 * - references to a person inside an organization point at `memberships (org_id, user_id)`, so a record
 *   can only name someone who belongs to the same organization;
 * - every index leads with `org_id`.
 * Row-level security for these tables is set up in the custom migration `0001_tenant_security.sql`.
 */
export * from "./enums";
export * from "./identity";
export * from "./tenancy";
export * from "./teams";
export * from "./strategy";
export * from "./deals";
export * from "./reviews";
export * from "./notifications";
export * from "./plans";
export * from "./audit";
export * from "./alignment";
export * from "./integrations";
export * from "./sso";
export * from "./rep-scores";

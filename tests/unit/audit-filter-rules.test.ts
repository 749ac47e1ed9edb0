import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  AUDIT_AREA_KEYS,
  AUDIT_ENTITY_TYPE_KEYS,
  auditFilterFields,
  checkAuditFilters,
  parseAuditFilters,
} from "@/server/domain/audit-filters";

/** The router's input schema for the filters. */
const routerSchema = z.object(auditFilterFields).superRefine(checkAuditFilters);
const DEAL_ID = "5b0c7c6e-3f7e-4a57-9a59-3e8d2f5b1c11";

describe("parseAuditFilters (the audit page's check, without zod)", () => {
  it("accepts filters that are each valid and agree with each other", () => {
    const values = { area: "deal", entityType: "deal", entityId: DEAL_ID, from: "2026-01-01", to: "2026-01-31" };
    expect(parseAuditFilters(values)).toEqual({ filters: values, problems: null });
    expect(parseAuditFilters({})).toEqual({ filters: {}, problems: null });
  });

  it("says what is wrong with each field", () => {
    expect(parseAuditFilters({ entityType: "deal", entityId: "42" }).problems).toEqual({
      entityId: "Paste an entity id (a UUID)",
    });
    expect(parseAuditFilters({ from: "1969-12-31", to: "2026-02-30" }).problems).toEqual({
      from: "Use a date from 1970 on",
      to: "Use a date like 2026-12-31",
    });
    expect(parseAuditFilters({ area: "nothing", actorId: "me" }).problems).toEqual({
      area: "Choose an area",
      actorId: "Choose a member",
    });
  });

  it("checks the rules between fields once each field is valid", () => {
    expect(parseAuditFilters({ entityId: DEAL_ID }).problems).toEqual({ entityType: "Choose the type of the entity" });
    expect(parseAuditFilters({ from: "2026-02-01", to: "2026-01-31" }).problems).toEqual({
      to: "Must not be before the start date",
    });
    expect(parseAuditFilters({ entityId: "x", from: "2026-02-01", to: "2026-01-31" }).problems).toEqual({
      entityId: "Paste an entity id (a UUID)",
    });
  });

  it("accepts exactly what the router's schema accepts, and names only fields it refuses (property)", () => {
    const value = <T extends string>(valid: fc.Arbitrary<T>) =>
      fc.option(fc.oneof(valid, fc.string({ maxLength: 12 })), { nil: undefined });
    const day = fc
      .date({ min: new Date("1960-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    const filters = fc.record({
      area: value(fc.constantFrom(...AUDIT_AREA_KEYS)),
      actorId: value(fc.uuid()),
      entityType: value(fc.constantFrom(...AUDIT_ENTITY_TYPE_KEYS)),
      entityId: value(fc.uuid()),
      from: value(day),
      to: value(day),
    });
    fc.assert(
      fc.property(filters, (drawn) => {
        const given = Object.fromEntries(Object.entries(drawn).filter(([, v]) => v !== undefined));
        const page = parseAuditFilters(given);
        const router = routerSchema.safeParse(given);
        expect(page.problems === null).toBe(router.success);
        if (!router.success && page.problems) {
          // The page names a field only where the router has an issue too (zod may add the rules between fields).
          const fields = router.error.issues.map((issue) => String(issue.path[0]));
          for (const field of Object.keys(page.problems)) expect(fields).toContain(field);
        }
      }),
      { numRuns: 500 },
    );
  });
});

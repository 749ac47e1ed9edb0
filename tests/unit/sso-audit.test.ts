import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "@/components/audit/describe";

const event = (action: string, after: unknown = null, before: unknown = null) => ({
  action,
  entityType: "member",
  entityId: null,
  entityName: null,
  before,
  after,
});

describe("SSO events in the audit log", () => {
  it("says how an SSO sign-in went", () => {
    expect(describeAuditEvent(event("sso.signed_in", { outcome: "linked" })).summary).toBe(
      "signed in with SSO (existing account linked)",
    );
    expect(describeAuditEvent(event("sso.sign_in_refused", { reason: "bad_signature" })).summary).toBe(
      "was refused an SSO sign-in: bad signature",
    );
    expect(describeAuditEvent(event("sso.break_glass_sign_in")).summary).toContain("break-glass");
  });

  it("lists what changed in the settings", () => {
    const described = describeAuditEvent(
      event("sso.config_updated", { required: true, clientSecretChanged: true }, { required: false }),
    );
    expect(described.summary).toBe("changed the single sign-on settings");
    expect(described.changes.map((change) => change.field)).toEqual(expect.arrayContaining(["required"]));
  });
});

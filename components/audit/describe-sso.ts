/** Single sign-on audit events in words (docs/sso.md); null for any other action. */
const OUTCOMES: Record<string, string> = {
  created: "new account, joined",
  joined: "joined",
  linked: "existing account linked",
  returned: "returning",
};

export function describeSsoEvent(action: string, after: Record<string, unknown> | null): string | null {
  switch (action) {
    case "sso.signed_in":
      return `signed in with SSO (${OUTCOMES[String(after?.outcome)] ?? "signed in"})`;
    case "sso.sign_in_refused":
      return `was refused an SSO sign-in: ${String(after?.reason ?? "unknown reason").replaceAll("_", " ")}`;
    case "sso.password_refused":
      return "was refused a password sign-in: the organization requires SSO";
    case "sso.break_glass_sign_in":
      return "signed in with a password although SSO is required (admin break-glass)";
    case "member.joined_via_sso":
      return "joined through SSO (just in time)";
    case "sso.config_created":
      return "set up single sign-on";
    case "sso.config_updated":
      return "changed the single sign-on settings";
    case "sso.config_removed":
      return "turned single sign-on off";
    default:
      return null;
  }
}

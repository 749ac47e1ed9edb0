/**
 * The SSO sign-in flow (docs/sso.md), on the privileged connection like password sign-in:
 * start — find the organization (email domain or slug), discover its provider, record a login (state, nonce,
 * PKCE verifier) and send the browser to the provider; finish — claim the state once, exchange the code with
 * openid-client (PKCE, state, issuer), verify the ID token ourselves (id-token.ts), resolve the person
 * (accounts.ts) and hand out a one-time ticket that the browser turns into a Tandem session through Auth.js.
 * Every outcome, success or refusal, is audited in the organization when it is known.
 */
import { createRemoteJWKSet } from "jose";
import { eq } from "drizzle-orm";
import * as oidc from "openid-client";
import type { Database } from "@/db/client";
import { organizations, ssoConfigs, ssoDomains } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { recordAudit } from "@/server/services/audit";
import { resolveSsoPerson, type AccountRefusal } from "./accounts";
import { decryptSecret } from "./crypto";
import { parseSsoLogin } from "./domains";
import { refusalOfGrantError, verifyIdToken, type IdTokenRefusal } from "./id-token";
import { claimState, createLogin, issueTicket } from "./logins";
import type { StateRefusal } from "./domains";

export interface SsoSettings {
  orgId: string;
  slug: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  domains: string[];
  defaultRole: Role;
  defaultTeamId: string | null;
}

export type SsoRefusal =
  StateRefusal | IdTokenRefusal | AccountRefusal | "not_configured" | "secret_unreadable" | "provider_error";

/** Plain-HTTP providers only when allowed (local development and the end-to-end tests), and only on this machine. */
function allowsHttp(issuer: URL): boolean {
  return process.env.SSO_HTTP_LOCALHOST === "1" && ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

async function discover(settings: SsoSettings, clientSecret: string): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  return oidc.discovery(
    issuer,
    settings.clientId,
    { client_secret: clientSecret },
    oidc.ClientSecretBasic(clientSecret),
    { execute: allowsHttp(issuer) ? [oidc.allowInsecureRequests] : [], timeout: 10 },
  );
}

async function loadSettings(db: Database, orgId: string): Promise<SsoSettings | null> {
  const [row] = await db
    .select({
      orgId: ssoConfigs.orgId,
      slug: organizations.slug,
      issuer: ssoConfigs.issuer,
      clientId: ssoConfigs.clientId,
      clientSecretEncrypted: ssoConfigs.clientSecretEncrypted,
      defaultRole: ssoConfigs.defaultRole,
      defaultTeamId: ssoConfigs.defaultTeamId,
    })
    .from(ssoConfigs)
    .innerJoin(organizations, eq(organizations.id, ssoConfigs.orgId))
    .where(eq(ssoConfigs.orgId, orgId));
  if (!row) return null;
  const domains = await db.select({ domain: ssoDomains.domain }).from(ssoDomains).where(eq(ssoDomains.orgId, orgId));
  const { clientSecretEncrypted, ...settings } = row;
  return { ...settings, clientSecret: decryptSecret(clientSecretEncrypted), domains: domains.map((d) => d.domain) };
}

/** The organization whose provider signs in what the person typed: an email (by its domain) or a slug. */
async function findOrg(db: Database, typed: string): Promise<{ orgId: string; loginHint?: string } | null> {
  const login = parseSsoLogin(typed);
  if (!login) return null;
  if (login.kind === "email") {
    const [row] = await db
      .select({ orgId: ssoDomains.orgId })
      .from(ssoDomains)
      .where(eq(ssoDomains.domain, login.domain));
    return row ? { orgId: row.orgId, loginHint: login.email } : null;
  }
  const [row] = await db
    .select({ orgId: ssoConfigs.orgId })
    .from(ssoConfigs)
    .innerJoin(organizations, eq(organizations.id, ssoConfigs.orgId))
    .where(eq(organizations.slug, login.slug));
  return row ?? null;
}

export type StartResult =
  { ok: true; url: string; state: string } | { ok: false; reason: "not_configured" | "provider_error" };

export async function startSsoLogin(db: Database, typed: string, redirectUri: string): Promise<StartResult> {
  const found = await findOrg(db, typed);
  const settings = found ? await loadSettings(db, found.orgId) : null;
  if (!found || !settings?.clientSecret) return { ok: false, reason: "not_configured" };
  let config: oidc.Configuration;
  try {
    config = await discover(settings, settings.clientSecret);
  } catch (error) {
    console.warn(`[sso] discovery failed for organization ${settings.orgId}:`, (error as Error).message);
    return { ok: false, reason: "provider_error" };
  }
  const login = await createLogin(db, settings.orgId);
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    response_type: "code",
    state: login.state,
    nonce: login.nonce,
    code_challenge: login.codeChallenge,
    code_challenge_method: "S256",
    ...(found.loginHint ? { login_hint: found.loginHint } : {}),
  });
  return { ok: true, url: url.href, state: login.state };
}

export type FinishResult = { ok: true; ticket: string; orgSlug: string } | { ok: false; reason: SsoRefusal };

/**
 * The provider's answer: `params` is the callback's query, `cookie` the state cookie the start set in this browser.
 */
export async function finishSsoLogin(
  db: Database,
  input: { params: URLSearchParams; cookie: string | null; redirectUri: string },
  now = new Date(),
): Promise<FinishResult> {
  const state = input.params.get("state");
  if (!state) return { ok: false, reason: "state_unknown" };
  const claimed = await claimState(db, state, input.cookie, now);
  if (!claimed.ok) return refuse(db, claimed.orgId, claimed.reason, null);
  const { login } = claimed;
  const settings = await loadSettings(db, login.orgId);
  if (!settings) return refuse(db, login.orgId, "not_configured", null);
  if (!settings.clientSecret) return refuse(db, login.orgId, "secret_unreadable", null);

  let idToken: string | undefined;
  let config: oidc.Configuration;
  try {
    config = await discover(settings, settings.clientSecret);
    const currentUrl = new URL(input.redirectUri);
    currentUrl.search = input.params.toString();
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
    });
    idToken = tokens.id_token;
  } catch (error) {
    return refuse(db, login.orgId, refusalOfGrantError(error) ?? "provider_error", null, (error as Error).message);
  }
  if (!idToken) return refuse(db, login.orgId, "invalid_token", null);
  const jwksUri = config.serverMetadata().jwks_uri;
  if (!jwksUri) return refuse(db, login.orgId, "provider_error", null, "no jwks_uri");
  const verified = await verifyIdToken(idToken, {
    issuer: config.serverMetadata().issuer,
    clientId: settings.clientId,
    nonce: login.nonce,
    keys: createRemoteJWKSet(new URL(jwksUri)),
    now,
  });
  if (!verified.ok) return refuse(db, login.orgId, verified.reason, null);

  return db.transaction(async (tx) => {
    const person = await resolveSsoPerson(tx, settings, verified.claims);
    if (!person.ok) return refuse(tx, login.orgId, person.reason, person.userId, undefined, verified.claims.email);
    const ticket = await issueTicket(tx, login, person.userId);
    await recordAudit(tx, {
      orgId: login.orgId,
      actorId: person.userId,
      action: "sso.signed_in",
      entityType: "member",
      entityId: person.userId,
      after: { outcome: person.outcome, email: verified.claims.email },
    });
    return { ok: true as const, ticket, orgSlug: settings.slug };
  });
}

async function refuse(
  db: Database,
  orgId: string | null,
  reason: SsoRefusal,
  userId: string | null,
  detail?: string,
  email?: string | null,
): Promise<FinishResult> {
  if (orgId) {
    await recordAudit(db, {
      orgId,
      actorId: userId,
      action: "sso.sign_in_refused",
      entityType: "member",
      entityId: userId,
      after: { reason, ...(detail ? { detail: detail.slice(0, 200) } : {}), ...(email ? { email } : {}) },
    });
  } else {
    console.warn(`[sso] sign-in refused (${reason}): the state names no organization`);
  }
  return { ok: false, reason };
}

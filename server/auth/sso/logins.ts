/**
 * The state of SSO sign-ins in progress (table sso_logins). Runs on the privileged connection: before sign-in
 * there is no tenant scope. Each login has two single-use steps, both claimed by a conditional UPDATE so that two
 * requests racing with one value cannot both win: the provider's `state`, then the ticket that becomes a session.
 */
import { timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import * as oidc from "openid-client";
import type { Database } from "@/db/client";
import { ssoLogins, users } from "@/db/schema";
import { hashToken, newToken } from "../tokens";
import { checkLoginState, SSO_LOGIN_TTL_MS, type StateRefusal } from "./domains";

export interface StartedLogin {
  state: string;
  nonce: string;
  codeChallenge: string;
}

/** Records a new login for the organization (and clears expired ones). */
export async function createLogin(db: Database, orgId: string, now = new Date()): Promise<StartedLogin> {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, now));
  await db.insert(ssoLogins).values({
    orgId,
    id: crypto.randomUUID(),
    stateHash: hashToken(state),
    nonce,
    codeVerifier,
    expiresAt: new Date(now.getTime() + SSO_LOGIN_TTL_MS),
  });
  return { state, nonce, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier) };
}

export type ClaimedLogin = { id: string; orgId: string; nonce: string; codeVerifier: string };

/** Whether the browser's cookie holds this state (set when the browser started the login). */
export function sameBrowser(state: string, cookie: string | null | undefined): boolean {
  if (!cookie) return false;
  const a = Buffer.from(hashToken(state));
  const b = Buffer.from(hashToken(cookie));
  return timingSafeEqual(a, b);
}

/**
 * Claims the login a provider's answer names by its `state`: once, before it expires, from the browser that
 * started it. The refusal names its organization when the state was known (for the audit log).
 */
export async function claimState(
  db: Database,
  state: string,
  cookie: string | null | undefined,
  now = new Date(),
): Promise<{ ok: true; login: ClaimedLogin } | { ok: false; reason: StateRefusal; orgId: string | null }> {
  const [login] = await db
    .select({
      id: ssoLogins.id,
      orgId: ssoLogins.orgId,
      stateUsedAt: ssoLogins.stateUsedAt,
      expiresAt: ssoLogins.expiresAt,
    })
    .from(ssoLogins)
    .where(eq(ssoLogins.stateHash, hashToken(state)));
  const refusal = checkLoginState(login, sameBrowser(state, cookie), now);
  if (refusal || !login) return { ok: false, reason: refusal ?? "state_unknown", orgId: login?.orgId ?? null };
  const [claimed] = await db
    .update(ssoLogins)
    .set({ stateUsedAt: now })
    .where(and(eq(ssoLogins.orgId, login.orgId), eq(ssoLogins.id, login.id), isNull(ssoLogins.stateUsedAt)))
    .returning({
      id: ssoLogins.id,
      orgId: ssoLogins.orgId,
      nonce: ssoLogins.nonce,
      codeVerifier: ssoLogins.codeVerifier,
    });
  if (!claimed) return { ok: false, reason: "state_used", orgId: login.orgId };
  return { ok: true, login: claimed };
}

/** After the provider's answer was accepted: the one-time ticket the browser exchanges for a session. */
export async function issueTicket(db: Database, login: { orgId: string; id: string }, userId: string): Promise<string> {
  const ticket = newToken();
  await db
    .update(ssoLogins)
    .set({ ticketHash: hashToken(ticket), userId })
    .where(and(eq(ssoLogins.orgId, login.orgId), eq(ssoLogins.id, login.id)));
  return ticket;
}

/** Redeems a ticket (once, before the login expires): the user to start a session for, or null. */
export async function redeemTicket(
  db: Database,
  ticket: string,
  now = new Date(),
): Promise<{ id: string; sessionVersion: number } | null> {
  const [login] = await db
    .update(ssoLogins)
    .set({ ticketUsedAt: now })
    .where(
      and(eq(ssoLogins.ticketHash, hashToken(ticket)), isNull(ssoLogins.ticketUsedAt), gt(ssoLogins.expiresAt, now)),
    )
    .returning({ userId: ssoLogins.userId });
  if (!login?.userId) return null;
  const [user] = await db
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, login.userId));
  return user ?? null;
}

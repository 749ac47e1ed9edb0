/**
 * The SSO sign-in flow against a provider of our own on a local port (discovery, JWKS, token endpoint checking
 * PKCE), whose ID tokens each test signs with `jose`: every refusal goes through the real code (openid-client's
 * checks, then server/auth/sso/id-token.ts), the state store, account resolution and the audit log.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, ssoConfigs, ssoDomains, teamMembers, users } from "@/db/schema";
import { encryptSecret } from "@/server/auth/sso/crypto";
import { SSO_LOGIN_TTL_MS } from "@/server/auth/sso/domains";
import { passwordSignInAllowed } from "@/server/auth/sso/enforcement";
import { finishSsoLogin, startSsoLogin, type FinishResult } from "@/server/auth/sso/flow";
import { SSO_STARTS_PER_IP, SSO_STATE_COOKIE } from "@/server/auth/sso/http";
import { redeemTicket } from "@/server/auth/sso/logins";
import { GET as callbackRoute } from "@/app/api/auth/sso/callback/route";
import { POST as startRoute } from "@/app/api/auth/sso/start/route";
import { createUser } from "../helpers/fixtures";
import { lastAudit, scalar, useWorld } from "../helpers/world";

const REDIRECT_URI = "http://localhost:3000/api/auth/sso/callback";
const CLIENT_ID = "tandem-initech";
const DOMAIN = "sso-initech.example";

describe("SSO sign-in", () => {
  const world = useWorld();
  let server: Server;
  let issuer: string;
  let signingKey: CryptoKey;
  let rogueKey: CryptoKey;
  /** What the token endpoint answers next, and the PKCE challenge it checks the verifier against. */
  const provider = { idToken: "", codeChallenge: "" };

  beforeAll(async () => {
    process.env.SSO_HTTP_LOCALHOST = "1";
    const pair = await generateKeyPair("RS256");
    signingKey = pair.privateKey;
    rogueKey = (await generateKeyPair("RS256")).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = createServer((request, response) => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url === "/.well-known/openid-configuration") {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
        });
      }
      if (request.url === "/jwks") return json(200, { keys: [jwk] });
      if (request.url === "/token" && request.method === "POST") {
        let body = "";
        request.on("data", (chunk: Buffer) => (body += chunk.toString()));
        request.on("end", () => {
          const verifier = new URLSearchParams(body).get("code_verifier") ?? "";
          const challenge = createHash("sha256").update(verifier).digest("base64url");
          if (challenge !== provider.codeChallenge) return json(400, { error: "invalid_grant" });
          json(200, { access_token: "at", token_type: "Bearer", expires_in: 60, id_token: provider.idToken });
        });
        return;
      }
      json(404, {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await world.db.insert(ssoConfigs).values({
      orgId: world.org.id,
      issuer,
      clientId: CLIENT_ID,
      clientSecretEncrypted: encryptSecret("client-secret"),
      defaultRole: "viewer",
      defaultTeamId: world.org.subTeamId,
      updatedBy: world.org.admin.id,
    });
    await world.db.insert(ssoDomains).values({ orgId: world.org.id, domain: DOMAIN });
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  interface Attempt {
    claims?: JWTPayload;
    key?: CryptoKey;
    /** The browser's state cookie: the state itself unless said otherwise. */
    cookie?: (state: string) => string | null;
    now?: Date;
  }

  /** The provider's answer to an authorization URL: the ID token its token endpoint will hand out, signed. */
  async function answer(authorizationUrl: string, attempt: Attempt = {}): Promise<URLSearchParams> {
    const authorization = new URL(authorizationUrl);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    provider.codeChallenge = authorization.searchParams.get("code_challenge")!;
    const now = Math.floor(Date.now() / 1000);
    provider.idToken = await new SignJWT({
      sub: "sub-new",
      email: `newcomer@${DOMAIN}`,
      email_verified: true,
      name: "Nina Newcomer",
      nonce: authorization.searchParams.get("nonce")!,
      ...attempt.claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer((attempt.claims?.iss as string | undefined) ?? issuer)
      .setAudience(CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime((attempt.claims?.exp as number | undefined) ?? now + 300)
      .sign(attempt.key ?? signingKey);
    return new URLSearchParams({ code: "the-code", state: authorization.searchParams.get("state")! });
  }

  /** Starts a login as "Sign in with SSO" does, signs the provider's ID token, and finishes it. */
  async function signInWith(
    attempt: Attempt = {},
  ): Promise<{ result: FinishResult; state: string; params: URLSearchParams }> {
    const started = await startSsoLogin(world.db, `someone@${DOMAIN}`, REDIRECT_URI);
    if (!started.ok) throw new Error(`start failed: ${started.reason}`);
    const params = await answer(started.url, attempt);
    const state = params.get("state")!;
    const result = await finishSsoLogin(
      world.db,
      { params, cookie: attempt.cookie ? attempt.cookie(state) : state, redirectUri: REDIRECT_URI },
      attempt.now,
    );
    return { result, state, params };
  }

  const refusal = async (reason: string) =>
    lastAudit(world.db, world.org.id, "sso.sign_in_refused").then((a) => {
      expect(a?.after).toMatchObject({ reason });
    });

  it("a newcomer from a covered domain gets an account and joins with the default role and team", async () => {
    const { result } = await signInWith();
    expect(result).toMatchObject({ ok: true, orgSlug: world.org.slug });
    const [user] = await world.db
      .select()
      .from(users)
      .where(eq(users.email, `newcomer@${DOMAIN}`));
    expect(user?.name).toBe("Nina Newcomer");
    const [membership] = await world.db
      .select({ role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.orgId, world.org.id), eq(memberships.userId, user!.id)));
    expect(membership).toEqual({ role: "viewer", status: "active" });
    const [team] = await world.db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.orgId, world.org.id), eq(teamMembers.userId, user!.id)));
    expect(team?.teamId).toBe(world.org.subTeamId);
    expect(await lastAudit(world.db, world.org.id, "sso.signed_in")).toMatchObject({
      actorId: user!.id,
      after: { outcome: "created" },
    });
    expect(await lastAudit(world.db, world.org.id, "member.joined_via_sso")).toMatchObject({ entityId: user!.id });

    // The ticket becomes a session once.
    const ticket = result.ok ? result.ticket : "";
    expect(await redeemTicket(world.db, ticket)).toEqual({ id: user!.id, sessionVersion: 1 });
    expect(await redeemTicket(world.db, ticket)).toBeNull();
  });

  it("the same person signing in again lands in the organization, still one account", async () => {
    const { result } = await signInWith({ claims: { email: `NEWCOMER@${DOMAIN}` } });
    expect(result).toMatchObject({ ok: true, orgSlug: world.org.slug });
    expect(await lastAudit(world.db, world.org.id, "sso.signed_in")).toMatchObject({ after: { outcome: "returned" } });
    expect(
      await scalar<number>(
        world.db,
        sql`select count(*)::int as value from users where email = ${`newcomer@${DOMAIN}`}`,
      ),
    ).toBe(1);
  });

  it("an existing member with the same verified email is linked, never duplicated", async () => {
    const linda = await createUser(world.db, "Linda", `linda@${DOMAIN}`);
    await world.db
      .insert(memberships)
      .values({ orgId: world.org.id, id: crypto.randomUUID(), userId: linda.id, role: "manager" });
    const { result } = await signInWith({ claims: { sub: "sub-linda", email: linda.email } });
    expect(result.ok).toBe(true);
    expect(await lastAudit(world.db, world.org.id, "sso.signed_in")).toMatchObject({
      actorId: linda.id,
      after: { outcome: "linked" },
    });
    expect(
      await scalar<number>(world.db, sql`select count(*)::int as value from users where email = ${linda.email}`),
    ).toBe(1);
    // Another provider account claiming the same address afterwards is refused.
    expect((await signInWith({ claims: { sub: "sub-impostor", email: linda.email } })).result).toEqual({
      ok: false,
      reason: "identity_mismatch",
    });
  });

  it("an account that belongs only to other organizations is not taken over", async () => {
    const omar = await createUser(world.db, "Omar", `omar@${DOMAIN}`);
    await world.db
      .insert(memberships)
      .values({ orgId: world.other.id, id: crypto.randomUUID(), userId: omar.id, role: "admin" });
    expect((await signInWith({ claims: { sub: "sub-omar", email: omar.email } })).result).toEqual({
      ok: false,
      reason: "account_elsewhere",
    });
    await refusal("account_elsewhere");
  });

  it("a member deactivated in Tandem is refused although the provider says yes, audited", async () => {
    const dora = await createUser(world.db, "Dora", `dora@${DOMAIN}`);
    await world.db
      .insert(memberships)
      .values({ orgId: world.org.id, id: crypto.randomUUID(), userId: dora.id, role: "rep", status: "deactivated" });
    expect((await signInWith({ claims: { sub: "sub-dora", email: dora.email } })).result).toEqual({
      ok: false,
      reason: "deactivated",
    });
    expect(await lastAudit(world.db, world.org.id, "sso.sign_in_refused")).toMatchObject({
      actorId: dora.id,
      after: { reason: "deactivated" },
    });
  });

  it.each([
    ["an address outside the covered domains", { sub: "sub-x", email: "x@elsewhere.example" }, "domain_not_covered"],
    ["an unverified email", { sub: "sub-y", email: `y@${DOMAIN}`, email_verified: false }, "email_not_verified"],
    ["no email", { sub: "sub-z", email: undefined }, "email_missing"],
  ])("%s → refused", async (_label, claims, reason) => {
    expect((await signInWith({ claims })).result).toEqual({ ok: false, reason });
    await refusal(reason);
  });

  it("a token from another issuer → refused", async () => {
    expect((await signInWith({ claims: { iss: "https://evil.example" } })).result).toEqual({
      ok: false,
      reason: "wrong_issuer",
    });
    await refusal("wrong_issuer");
  });

  it("a token signed with a key the provider did not publish → refused", async () => {
    expect((await signInWith({ key: rogueKey })).result).toEqual({ ok: false, reason: "bad_signature" });
    await refusal("bad_signature");
  });

  it("a token without the nonce → refused", async () => {
    expect((await signInWith({ claims: { nonce: undefined } })).result).toEqual({ ok: false, reason: "nonce_missing" });
    await refusal("nonce_missing");
  });

  it("a token with another login's nonce → refused", async () => {
    expect((await signInWith({ claims: { nonce: "another-nonce" } })).result).toEqual({
      ok: false,
      reason: "nonce_mismatch",
    });
  });

  it("an expired token → refused", async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect((await signInWith({ claims: { exp: past } })).result).toEqual({ ok: false, reason: "expired" });
    await refusal("expired");
  });

  it("a replayed state → refused, even after a successful sign-in", async () => {
    const first = await signInWith();
    expect(first.result.ok).toBe(true);
    const replay = await finishSsoLogin(world.db, {
      params: first.params,
      cookie: first.state,
      redirectUri: REDIRECT_URI,
    });
    expect(replay).toEqual({ ok: false, reason: "state_used" });
    await refusal("state_used");
  });

  it("a state that comes back to another browser (no state cookie) → refused", async () => {
    expect((await signInWith({ cookie: () => null })).result).toEqual({ ok: false, reason: "state_not_this_browser" });
    expect((await signInWith({ cookie: () => "another-state" })).result).toEqual({
      ok: false,
      reason: "state_not_this_browser",
    });
  });

  it("an expired or unknown state → refused", async () => {
    const later = new Date(Date.now() + SSO_LOGIN_TTL_MS + 1000);
    expect((await signInWith({ now: later })).result).toEqual({ ok: false, reason: "state_expired" });
    const unknown = await finishSsoLogin(world.db, {
      params: new URLSearchParams({ code: "c", state: "never-issued" }),
      cookie: "never-issued",
      redirectUri: REDIRECT_URI,
    });
    expect(unknown).toEqual({ ok: false, reason: "state_unknown" });
  });

  it("an unknown email domain or slug finds no provider", async () => {
    expect(await startSsoLogin(world.db, "someone@nowhere.example", REDIRECT_URI)).toEqual({
      ok: false,
      reason: "not_configured",
    });
    expect(await startSsoLogin(world.db, world.other.slug, REDIRECT_URI)).toEqual({
      ok: false,
      reason: "not_configured",
    });
    expect((await startSsoLogin(world.db, world.org.slug, REDIRECT_URI)).ok).toBe(true);
  });

  describe("enforcement", () => {
    it("when the organization requires SSO, a member's password sign-in is refused and an admin's is break-glass, both audited", async () => {
      await world.db.update(ssoConfigs).set({ required: true }).where(eq(ssoConfigs.orgId, world.org.id));
      expect(await passwordSignInAllowed(world.db, world.org.rep.id)).toBe(false);
      expect(await lastAudit(world.db, world.org.id, "sso.password_refused")).toMatchObject({
        actorId: world.org.rep.id,
      });
      expect(await passwordSignInAllowed(world.db, world.org.admin.id)).toBe(true);
      expect(await lastAudit(world.db, world.org.id, "sso.break_glass_sign_in")).toMatchObject({
        actorId: world.org.admin.id,
      });
      // Members of organizations that do not require SSO are not concerned; nor is a deactivated membership.
      expect(await passwordSignInAllowed(world.db, world.other.rep.id)).toBe(true);
      expect(await passwordSignInAllowed(world.db, world.deactivated.id)).toBe(true);
      await world.db.update(ssoConfigs).set({ required: false }).where(eq(ssoConfigs.orgId, world.org.id));
      expect(await passwordSignInAllowed(world.db, world.org.rep.id)).toBe(true);
    });
  });

  describe("HTTP routes", () => {
    const holder = globalThis as unknown as { tandemDb?: Promise<unknown> };
    beforeAll(() => void (holder.tandemDb = Promise.resolve(world.handle)));
    afterAll(() => void (holder.tandemDb = undefined));
    const start = (body: unknown, ip = "198.18.7.1") =>
      startRoute(
        new Request("http://localhost/api/auth/sso/start", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": ip },
          body: JSON.stringify(body),
        }),
      );
    const callback = (params: URLSearchParams, cookie?: string) =>
      callbackRoute(
        new Request(`http://localhost/api/auth/sso/callback?${params}`, {
          headers: cookie ? { cookie: `other=1; ${SSO_STATE_COOKIE}=${cookie}` } : {},
        }),
      );

    it("start → the provider's URL and this browser's state cookie; the callback → a one-time ticket in the fragment", async () => {
      const started = await start({ login: `someone@${DOMAIN}` });
      expect(started.status).toBe(200);
      const { url } = (await started.json()) as { url: string };
      const params = await answer(url, { claims: { sub: "sub-http", email: `http@${DOMAIN}` } });
      const state = params.get("state")!;
      expect(started.headers.get("set-cookie")).toBe(
        `${SSO_STATE_COOKIE}=${state}; Path=/api/auth/sso; HttpOnly; SameSite=Lax; Max-Age=600`,
      );
      const done = await callback(params, state);
      expect(done.status).toBe(303);
      expect(done.headers.get("set-cookie")).toContain(`${SSO_STATE_COOKIE}=; Path=/api/auth/sso`);
      const location = new URL(done.headers.get("location")!);
      expect(location.pathname + location.search).toBe(`/sso/complete?org=${world.org.slug}`);
      const ticket = new URLSearchParams(location.hash.slice(1)).get("ticket")!;
      expect((await redeemTicket(world.db, ticket))?.id).toBeTruthy();
    });

    it("a callback without this browser's cookie → back to the SSO page with the reason", async () => {
      const { url } = (await (await start({ login: world.org.slug })).json()) as { url: string };
      const done = await callback(await answer(url));
      expect(done.status).toBe(303);
      expect(new URL(done.headers.get("location")!).pathname + new URL(done.headers.get("location")!).search).toBe(
        "/sign-in/sso?refused=state_not_this_browser",
      );
    });

    it("bad input → 400; no provider → 404; starts are limited per client address → 429", async () => {
      expect((await start({})).status).toBe(400);
      expect((await start({ login: "x".repeat(400) })).status).toBe(400);
      const ip = "198.19.7.7";
      for (let i = 0; i < SSO_STARTS_PER_IP.max; i++) {
        expect((await start({ login: "someone@nowhere.example" }, ip)).status).toBe(404);
      }
      expect((await start({ login: "someone@nowhere.example" }, ip)).status).toBe(429);
    });
  });
});

/**
 * Auth.js (next-auth v5): email + password through the Credentials provider, sessions as signed JWT
 * cookies (stateless app servers). The JWT carries the user's session version; every request compares it
 * with the database (server/trpc/init.ts), so "sign out everywhere" and deactivation end sessions at once.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { verifyCredentials } from "./credentials";
import { clientIp } from "./client-ip";
import { deviceCookieAfterSignIn, deviceCookieFrom, deviceCookieOptions, serializeDeviceCookie } from "./device-cookie";
import { authSecret } from "./secret";
import { passwordSignInAllowed } from "./sso/enforcement";
import { redeemTicket } from "./sso/logins";
import { continueSession, revocationExpiry, revokeSession, SESSION_MAX_AGE_S, startSession } from "./sessions";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    userId: string;
    sessionVersion: number;
    sessionId: string;
  }
}

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/** The right password of a sign-up whose email is not confirmed yet: say so, rather than "wrong password". */
class UnconfirmedSignIn extends CredentialsSignin {
  code = "unconfirmed";
}

/** The right password of a member whose organization requires SSO: point to "Sign in with SSO". */
class SsoRequiredSignIn extends CredentialsSignin {
  code = "sso_required";
}

/** The database is down: say so, rather than "wrong password". */
class UnavailableSignIn extends CredentialsSignin {
  code = "unavailable";
}

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(200) });
const ssoTicketSchema = z.object({ ticket: z.string().min(20).max(100) });

/**
 * The device cookie a successful sign-in hands to the browser (server/auth/device-cookie.ts): `authorize`
 * puts it here, the POST handler below adds it to Auth.js's response.
 */
const deviceCookieToSet = new AsyncLocalStorage<{ setCookie?: string }>();

const nextAuth = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  // A wrong password is an expected outcome, not a server error: keep it out of the error log.
  logger: {
    error(error) {
      // Nor is a throttled one (our subclass: same type, another name). A database outage is logged.
      const { type, code } = error as { type?: string; code?: string };
      if (type !== "CredentialsSignin" || code === "unavailable") console.error(error);
    },
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const device = deviceCookieFrom(request.headers);
        const result = await getDatabase()
          .then(({ db }) => verifyCredentials(db, { ...parsed.data, ip: clientIp(request.headers), device }))
          .catch((error: unknown) => {
            if (isDatabaseUnavailable(error)) throw new UnavailableSignIn();
            throw error;
          });
        if (result.ok) {
          if (!(await passwordSignInAllowed((await getDatabase()).db, result.userId))) throw new SsoRequiredSignIn();
          rememberDevice(request, device, result.userId);
          return { id: result.userId, sessionVersion: result.sessionVersion };
        }
        if (result.reason === "throttled") throw new ThrottledSignIn();
        if (result.reason === "unconfirmed") throw new UnconfirmedSignIn();
        return null;
      },
    }),
    // The last step of an SSO sign-in (server/auth/sso/flow.ts): the callback's one-time ticket becomes a session.
    Credentials({
      id: "sso",
      credentials: { ticket: {} },
      async authorize(raw) {
        const parsed = ssoTicketSchema.safeParse(raw);
        if (!parsed.success) return null;
        return redeemTicket((await getDatabase()).db, parsed.data.ticket);
      },
    }),
  ],
  callbacks: {
    // Returning null ends the session (Auth.js clears the cookie): past its absolute maximum age, or revoked.
    async jwt({ token, user }) {
      if (user?.id) return startSession(token, { id: user.id, sessionVersion: user.sessionVersion });
      return continueSession(token, async () => (await getDatabase()).db);
    },
    session({ session, token }) {
      session.userId = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      session.sessionId = typeof token.sid === "string" ? token.sid : "";
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sub || typeof token.sid !== "string") return;
      const { db } = await getDatabase();
      await revokeSession(db, { sessionId: token.sid, userId: token.sub, expiresAt: revocationExpiry(token) });
    },
  },
}));

export const { auth, signOut } = nextAuth;

export const handlers = {
  GET: nextAuth.handlers.GET,
  /** Auth.js's POST (sign-in, sign-out), plus the device cookie of a successful sign-in. */
  async POST(request: NextRequest): Promise<Response> {
    const slot: { setCookie?: string } = {};
    const response = await deviceCookieToSet.run(slot, () => nextAuth.handlers.POST(request));
    if (!slot.setCookie) return response;
    const headers = new Headers(response.headers);
    headers.append("set-cookie", slot.setCookie);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
};

/**
 * After a successful sign-in: (re)issues the browser's device cookie for this account, so that an attacker
 * exhausting the account's failure limit cannot keep this browser out. Secure (`__Host-`) exactly when Auth.js's
 * own cookies are: when the site is reached over HTTPS.
 */
function rememberDevice(request: Request, current: string | null, userId: string): void {
  const slot = deviceCookieToSet.getStore();
  if (!slot) return; // not through the route handler (never in the app): the browser just stays untrusted
  slot.setCookie = serializeDeviceCookie(
    deviceCookieAfterSignIn(current, userId),
    deviceCookieOptions(new URL(request.url).protocol === "https:"),
  );
}

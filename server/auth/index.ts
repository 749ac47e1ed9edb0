/**
 * Auth.js (next-auth v5): email + password through the Credentials provider, sessions as signed JWT
 * cookies (stateless app servers). The JWT carries the user's session version; every request compares it
 * with the database (server/trpc/init.ts), so "sign out everywhere" and deactivation end sessions at once.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { verifyCredentials } from "./credentials";
import { clientIp } from "./client-ip";
import { authSecret } from "./secret";
import { revokeSession } from "./sessions";

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

const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/** The database is down: say so, rather than "wrong password". */
class UnavailableSignIn extends CredentialsSignin {
  code = "unavailable";
}

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(200) });

export const { handlers, auth, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  // A wrong password is an expected outcome, not a server error: keep it out of the error log.
  logger: {
    error(error) {
      if (error.name !== "CredentialsSignin") console.error(error);
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
        const result = await getDatabase()
          .then(({ db }) => verifyCredentials(db, { ...parsed.data, ip: clientIp(request.headers) }))
          .catch((error: unknown) => {
            if (isDatabaseUnavailable(error)) throw new UnavailableSignIn();
            throw error;
          });
        if (result.ok) return { id: result.userId, sessionVersion: result.sessionVersion };
        if (result.reason === "throttled") throw new ThrottledSignIn();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 1;
        // Identifies this session, so that signing out can revoke exactly this one.
        token.sid = crypto.randomUUID();
      }
      return token;
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
      const expiresAt = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
      await revokeSession(db, { sessionId: token.sid, userId: token.sub, expiresAt });
    },
  },
}));

import { auth, signOut } from "@/server/auth";
import { serverCaller } from "@/server/trpc/server";
import { respondToSessionEnded } from "@/server/auth/session-ended";

/**
 * Where pages send a user whose session no longer works (signed out everywhere, removed from every
 * organization). It clears the cookie and shows the sign-in page with the reason. A session that is still
 * valid is never signed out here, so a link to this URL from another site cannot sign anyone out; nor is
 * one while the database is unreachable (503 "try again" page instead, see ./respond.ts).
 */
export async function GET(request: Request) {
  return respondToSessionEnded(request, {
    hasSession: async () => Boolean(await auth()),
    organizationCount: async () => (await (await serverCaller()).me.get()).organizations.length,
    signOut: async () => void (await signOut({ redirect: false })),
  });
}

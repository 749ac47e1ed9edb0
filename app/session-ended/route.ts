import { auth, signOut } from "@/server/auth";
import { serverCaller } from "@/server/trpc/server";

/**
 * Where pages send a user whose session no longer works (signed out everywhere, removed from every
 * organization). It clears the cookie and shows the sign-in page with the reason. A session that is still
 * valid is never signed out here, so a link to this URL from another site cannot sign anyone out.
 */
export async function GET(request: Request) {
  const session = await auth();
  let reason = "session-ended";
  if (session) {
    const me = await (await serverCaller()).me.get().catch(() => null);
    if (me && me.organizations.length > 0) return Response.redirect(new URL("/", request.url), 303);
    if (me) reason = "access-removed";
    await signOut({ redirect: false });
  }
  return Response.redirect(new URL(`/sign-in?reason=${reason}`, request.url), 303);
}

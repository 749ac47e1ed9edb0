/**
 * GET /api/auth/sso/callback?code&state&iss — where the provider sends the browser back (the redirect URI to
 * register). Accepted: on to /sso/complete with a one-time ticket in the fragment (never sent to a server, so it
 * stays out of logs and Referer headers), where the page turns it into a session. Refused: back to the SSO sign-in
 * page with the reason. The state cookie is cleared either way.
 */
import { getDatabase } from "@/server/db";
import { finishSsoLogin } from "@/server/auth/sso/flow";
import { appUrl, clearedStateCookie, readStateCookie, ssoRedirectUri } from "@/server/auth/sso/http";

export async function GET(request: Request): Promise<Response> {
  const { db } = await getDatabase();
  const result = await finishSsoLogin(db, {
    params: new URL(request.url).searchParams,
    cookie: readStateCookie(request.headers),
    redirectUri: ssoRedirectUri(),
  });
  const target = result.ok
    ? appUrl(`/sso/complete?org=${encodeURIComponent(result.orgSlug)}#ticket=${result.ticket}`)
    : appUrl(`/sign-in/sso?refused=${result.reason}`);
  return new Response(null, {
    status: 303,
    headers: { location: target.href, "set-cookie": clearedStateCookie(), "cache-control": "no-store" },
  });
}

/**
 * POST /api/auth/sso/start { login: email or organization slug } → { url } of the organization's provider, and
 * the state cookie of this browser. The page then navigates there (a form could not: the Content-Security-Policy's
 * form-action 'self' also covers a form's redirects).
 */
import { z } from "zod";
import { getDatabase } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { SSO_LOGIN_TTL_MS } from "@/server/auth/sso/domains";
import { startSsoLogin } from "@/server/auth/sso/flow";
import { countSsoStart, ssoRedirectUri, stateCookie } from "@/server/auth/sso/http";

const bodySchema = z.object({ login: z.string().min(1).max(320) });

const NOT_CONFIGURED = "No organization signs in with SSO for this email or name. Sign in with your password.";
const PROVIDER_ERROR = "Your organization's identity provider cannot be reached right now. Try again in a moment.";

export async function POST(request: Request): Promise<Response> {
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success)
    return Response.json({ error: "Enter your work email or your organization's name." }, { status: 400 });
  try {
    const { db } = await getDatabase();
    if (!(await countSsoStart(db, request.headers))) {
      return Response.json({ error: "Too many attempts. Try again in 15 minutes." }, { status: 429 });
    }
    const result = await startSsoLogin(db, body.data.login, ssoRedirectUri());
    if (!result.ok) {
      const notConfigured = result.reason === "not_configured";
      return Response.json(
        { error: notConfigured ? NOT_CONFIGURED : PROVIDER_ERROR },
        { status: notConfigured ? 404 : 502 },
      );
    }
    return Response.json(
      { url: result.url },
      { headers: { "set-cookie": stateCookie(result.state, SSO_LOGIN_TTL_MS / 1000), "cache-control": "no-store" } },
    );
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return Response.json({ error: "Tandem cannot reach its database right now." }, { status: 503 });
    }
    throw error;
  }
}

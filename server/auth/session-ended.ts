/**
 * What /session-ended answers (route.ts wires it to Auth.js and the API). Kept apart from the route so that
 * tests can drive it with a real API caller and a database that is down.
 */
import { TRPCError } from "@trpc/server";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { plainPage, plainPageInit } from "@/server/services/plain-page";

export interface SessionEndedDeps {
  /** Whether the request carries a session cookie that Auth.js still accepts. */
  hasSession(): Promise<boolean>;
  /** The user's active organizations (me.get); throws as the API does (UNAUTHORIZED, SERVICE_UNAVAILABLE…). */
  organizationCount(): Promise<number>;
  /** Clears the session cookie (and revokes the session). */
  signOut(): Promise<void>;
}

const isUnavailable = (error: unknown) =>
  (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") || isDatabaseUnavailable(error);

/**
 * Signs out only a session that is really over: the API refused it (UNAUTHORIZED), or the user has no
 * organization left. When the database cannot be reached nobody can tell, so the answer is a 503 page
 * ("try again"), and the session is kept: a database outage must not sign everybody out.
 */
export async function respondToSessionEnded(request: Request, deps: SessionEndedDeps): Promise<Response> {
  let reason = "session-ended";
  try {
    if (await deps.hasSession()) {
      const count = await deps.organizationCount().catch((error: unknown) => {
        if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
        throw error;
      });
      if (count !== null && count > 0) return Response.redirect(new URL("/", request.url), 303);
      if (count === 0) reason = "access-removed";
      await deps.signOut();
    }
  } catch (error) {
    if (isUnavailable(error)) {
      return page(
        503,
        "Tandem cannot reach its database",
        "Tandem cannot reach its database right now, so it cannot check your session. You are still signed in. Please try again in a moment.",
      );
    }
    console.error("[session-ended]", error);
    return page(
      500,
      "Something went wrong",
      "Something went wrong on our side while checking your session. Please try again in a moment.",
    );
  }
  return Response.redirect(new URL(`/sign-in?reason=${reason}`, request.url), 303);
}

function page(status: number, title: string, text: string): Response {
  return new Response(plainPage(title, [text], { retryHref: "/session-ended" }), plainPageInit(status));
}

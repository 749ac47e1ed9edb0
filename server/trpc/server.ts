/** tRPC for server components: a caller with the request's session, acting in the given organization. */
import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { sessionFromCookie } from "@/server/auth/session-cookie";
import { getDatabase } from "@/server/db";
import { together } from "@/server/db/together";
import { appReplicas } from "@/server/db/replicas";
import { createContext, ORG_HEADER } from "./init";
import { createCaller } from "./root";

/**
 * The request's session, read once per request however many server components and callers ask for it: the
 * cookie's claims (server/auth/session-cookie.ts), as the tRPC endpoint reads them. Not Auth.js's `auth()`: in a
 * server component that decrypts, looks up the revocation, re-encrypts a refreshed cookie and then throws the cookie
 * away (a server component cannot set one). Revocation and the session version are checked by every procedure the
 * page calls; a page whose session was revoked goes to /session-ended (orRedirect), which clears the cookie.
 */
export const requestSession = cache(async () => sessionFromCookie(await headers()));

/** A caller acting in `orgId` (or in none), one per request and organization: a page's components share it. */
export const serverCaller = cache(async (orgId?: string) => {
  const [session, { db }, requestHeaders] = await together([requestSession(), getDatabase(), headers()]);
  const callHeaders = new Headers(requestHeaders);
  callHeaders.delete(ORG_HEADER);
  if (orgId) callHeaders.set(ORG_HEADER, orgId);
  const replicas = appReplicas();
  return createCaller(createContext({ db, session, headers: callHeaders, replicas }));
});

/** Turns the errors a page cannot show into navigation: signed out → sign in, not found → 404. */
export async function orRedirect<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/session-ended");
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** tRPC for server components: a caller with the request's session, acting in the given organization. */
import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { appReplicas } from "@/server/db/replicas";
import { createContext, ORG_HEADER } from "./init";
import { createCaller } from "./root";
import { sessionClaims } from "./session";

/**
 * The request's session, read once per request (Auth.js's round: decrypt, revocation lookup) however many
 * server components and callers ask for it.
 */
export const requestSession = cache(() => auth());

/** A caller acting in `orgId` (or in none), one per request and organization: a page's components share it. */
export const serverCaller = cache(async (orgId?: string) => {
  const [session, { db }, requestHeaders] = await Promise.all([requestSession(), getDatabase(), headers()]);
  const callHeaders = new Headers(requestHeaders);
  callHeaders.delete(ORG_HEADER);
  if (orgId) callHeaders.set(ORG_HEADER, orgId);
  const replicas = appReplicas();
  return createCaller(createContext({ db, session: sessionClaims(session), headers: callHeaders, replicas }));
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

import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { orRedirect, serverCaller } from "@/server/trpc/server";

/**
 * The organization named by the URL, resolved once per request: the signed-in user, their organizations,
 * and a caller acting in this one. Not a member (or no longer) → the page answers 404 or signs them out.
 */
export const loadOrg = cache(async (slug: string) => {
  if (!(await auth())) redirect(`/sign-in`);
  const me = await orRedirect((await serverCaller()).me.get());
  const membership = me.organizations.find((org) => org.slug === slug);
  if (!membership) redirect(me.organizations.length > 0 ? "/" : "/session-ended");
  const caller = await serverCaller(membership.id);
  const org = await orRedirect(caller.org.current());
  return { me, org, caller };
});

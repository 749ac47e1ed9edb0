import { cache } from "react";
import { redirect } from "next/navigation";
import { permissionsOf } from "@/server/authz/permissions";
import { orRedirect, requestSession, serverCaller } from "@/server/trpc/server";

/**
 * The organization named by the URL, resolved once per request: the signed-in user, their organizations,
 * and a caller acting in this one. Not a member (or no longer) → the page answers 404 or signs them out.
 * The organization and the role come from `me.get` (the user's active memberships, read in that call's own
 * transaction), as org.current would give them; every procedure the page then calls checks the membership again.
 */
export const loadOrg = cache(async (slug: string) => {
  if (!(await requestSession())) redirect(`/sign-in`);
  // The bell's count comes with it (one transaction fewer per page).
  const me = await orRedirect((await serverCaller()).me.get({ unreadIn: slug }));
  const membership = me.organizations.find((org) => org.slug === slug);
  if (!membership) redirect(me.organizations.length > 0 ? "/" : "/session-ended");
  const caller = await serverCaller(membership.id);
  const org = { ...membership, permissions: permissionsOf(membership.role) };
  return { me, org, caller };
});

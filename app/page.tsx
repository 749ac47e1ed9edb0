import { redirect } from "next/navigation";
import { orRedirect, requestSession, serverCaller } from "@/server/trpc/server";

/** Signed out → sign in; signed in → the first organization's dashboard. */
export default async function Home() {
  if (!(await requestSession())) redirect("/sign-in");
  const me = await orRedirect((await serverCaller()).me.get());
  const first = me.organizations[0];
  redirect(first ? `/o/${first.slug}` : "/session-ended");
}

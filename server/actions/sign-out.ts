"use server";
import { signOut } from "@/server/auth";

/**
 * Signs out on the server (a server action): the shell needs no Auth.js client in the browser for it. Auth.js's
 * signOut event revokes the session id as for the client sign-out.
 */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

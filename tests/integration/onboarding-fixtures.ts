/** The world of the onboarding.* tests (public procedures: sign up, looking at and accepting an invitation). */
import { sql } from "drizzle-orm";
import { createContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { useWorld } from "../helpers/world";
import { useOutbox } from "./email-fixtures";

export const NEW_PASSWORD = "a-brand-new-passphrase";

export function useOnboardingWorld() {
  const world = useWorld();
  const outbox = useOutbox();
  const signedOut = () => world.api(null, undefined);
  const tokenOf = (path: string) => path.replace(/^\/invite\//, "");
  /** A pending invitation to `org` (created by its admin); returns the token of the link. */
  const invite = async (
    email: string,
    role: "admin" | "manager" | "rep" | "viewer" = "rep",
    teamId: string | null = null,
  ) => {
    const created = await world.api(world.org.admin).invitations.create({ email, role, teamId });
    return { id: created.id, token: tokenOf(created.path) };
  };
  const uniqueEmail = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@example.test`;
  /** Signed out, from this client address (as our proxy reports it in X-Forwarded-For). */
  const fromAddress = (ip: string) =>
    createCaller(createContext({ db: world.db, session: null, headers: new Headers({ "x-forwarded-for": ip }) }));
  /** Moves the recorded attempts of `key` back in time, as if `ms` had passed. */
  const age = (key: string, ms: number) =>
    world.db.execute(
      sql`update sign_in_failures set "at" = "at" - make_interval(secs => ${ms / 1000}) where key = ${key}`,
    );
  return { world, outbox, signedOut, tokenOf, invite, uniqueEmail, fromAddress, age };
}

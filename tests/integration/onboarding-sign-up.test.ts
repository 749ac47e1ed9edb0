/** onboarding.signUp (public): slugs, input, the per-IP limit; more in email-*.test.ts. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organizations, signInFailures } from "@/db/schema";
import { uniqueSlug } from "@/server/services/organizations";
import { SIGN_UP_LIMIT, SIGN_UP_THROTTLED_MESSAGE } from "@/server/trpc/routers/onboarding";
import { expectTRPCError } from "../helpers/expect-trpc";
import { expectBadRequest } from "../helpers/world";
import { tokenIn } from "./email-fixtures";
import { NEW_PASSWORD, useOnboardingWorld } from "./onboarding-fixtures";

describe("account router", () => {
  const { world, outbox, signedOut, uniqueEmail, fromAddress, age } = useOnboardingWorld();

  describe("signUp", () => {
    it("gives a second organization of the same name its own slug", async () => {
      const signUpAndConfirm = async (name: string) => {
        const email = uniqueEmail(name.toLowerCase());
        await signedOut().onboarding.signUp({ name, email, password: NEW_PASSWORD, organizationName: "Twin Co" });
        const token = tokenIn(await outbox.mailTo(email), "/confirm-email/");
        return signedOut().onboarding.confirmSignUp({ token, password: NEW_PASSWORD });
      };
      expect((await signUpAndConfirm("One")).orgSlug).toBe("twin-co");
      expect((await signUpAndConfirm("Two")).orgSlug).toBe("twin-co-2");
    });

    it("a slug stays reserved until the sign-up that took it commits, so a concurrent one picks the next", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let markTaken!: () => void;
      const taken = new Promise<void>((resolve) => (markTaken = resolve));
      const signUpOrg = (onTaken: () => void, wait: Promise<void>) =>
        world.db.transaction(async (tx) => {
          const slug = await uniqueSlug(tx, "Race Co");
          await tx.insert(organizations).values({ id: crypto.randomUUID(), name: "Race Co", slug });
          onTaken();
          await wait;
          return slug;
        });
      const first = signUpOrg(markTaken, held);
      await taken;
      // The second starts while the first is still open (on Postgres; PGlite runs them one after the other).
      const second = signUpOrg(() => {}, Promise.resolve());
      setTimeout(release, 200);
      expect([await first, await second]).toEqual(["race-co", "race-co-2"]);
    });

    it.each([
      ["email", { email: "not-an-email" }],
      ["password", { password: "short" }],
      ["password", { password: "x".repeat(201) }],
      ["name", { name: "   " }],
      ["name", { name: "Bell\u0007" }],
      ["organizationName", { organizationName: "" }],
      ["organizationName", { organizationName: "x".repeat(121) }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, override) => {
      const input = {
        name: "Valid Name",
        email: uniqueEmail("valid"),
        password: NEW_PASSWORD,
        organizationName: "Valid Org",
        ...override,
      };
      await expectBadRequest(signedOut().onboarding.signUp(input), field);
    });

    it("bad input names every wrong field", async () => {
      const message = await expectBadRequest(
        signedOut().onboarding.signUp({ name: "", email: "nope", password: "1", organizationName: "ok" }),
        "email",
      );
      expect(message).toMatch(/(^|; )name: /);
      expect(message).toMatch(/(^|; )password: /);
      expect(message).not.toMatch(/organizationName/);
    });

    describe("per-IP limit (sign-up is public and runs argon2 on every call)", () => {
      const signUpFrom = (ip: string, email = uniqueEmail("limited")) =>
        fromAddress(ip).onboarding.signUp({
          name: "Limited Lee",
          email,
          password: NEW_PASSWORD,
          organizationName: "Limited Ltd",
        });

      it(`${SIGN_UP_LIMIT.max} sign-ups per address per hour, successful or not; then TOO_MANY_REQUESTS with a clear message`, async () => {
        const ip = "198.51.100.201";
        for (let i = 0; i < SIGN_UP_LIMIT.max - 1; i++) await signUpFrom(ip);
        // One for an email that has an account counts too (it is answered the same way, and mails that account).
        await signUpFrom(ip, world.org.rep.email);
        const error = await expectTRPCError(signUpFrom(ip), "TOO_MANY_REQUESTS");
        expect(error.message).toBe(SIGN_UP_THROTTLED_MESSAGE);
        // Nothing was created by the refused call, and the limit holds for every email, known or not.
        await expectTRPCError(signUpFrom(ip, world.org.rep.email), "TOO_MANY_REQUESTS");
        // Another address is not affected.
        await signUpFrom("198.51.100.202");
        // An hour later the address may sign up again.
        await age(`signup-ip:${ip}`, SIGN_UP_LIMIT.windowMs);
        await signUpFrom(ip);
      });

      it("a parallel burst from one address: exactly the limit get through, the rest TOO_MANY_REQUESTS, and the count stays", async () => {
        const ip = "198.51.100.203";
        const results = await Promise.allSettled(Array.from({ length: SIGN_UP_LIMIT.max + 5 }, () => signUpFrom(ip)));
        const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
        expect(results.length - refused.length).toBe(SIGN_UP_LIMIT.max);
        expect(refused).toHaveLength(5);
        for (const reason of refused) await expectTRPCError(Promise.reject(reason), "TOO_MANY_REQUESTS");
        const recorded = await world.db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, `signup-ip:${ip}`));
        expect(recorded).toHaveLength(SIGN_UP_LIMIT.max);
        await expectTRPCError(signUpFrom(ip), "TOO_MANY_REQUESTS");
      });
    });
  });
});

/**
 * Password reset by mailed link (server/auth/password-reset.ts). Public: the person cannot sign in. Asking for a
 * link answers the same whether the email has an account or not, and is limited per client address and per
 * email; using a link counts failures per client address.
 */
import { z } from "zod";
import { countPublicRequest } from "@/server/auth/public-limits";
import { findPasswordReset, requestPasswordReset, resetPassword } from "@/server/auth/password-reset";
import { tokenSchema } from "@/server/auth/tokens";
import { publicProcedure, router } from "../init";
import { passwordSchema } from "@/server/domain/schemas";
import { ACCEPT_INVITATION_FAILURE_LIMIT, mailRequest } from "./onboarding";

export const RESET_REQUEST_LIMIT = { max: 20, windowMs: 60 * 60 * 1000 } as const;
export const RESET_REQUEST_THROTTLED_MESSAGE = "Too many reset links were asked for. Wait an hour, then try again.";
export const RESET_FAILURES_THROTTLED_MESSAGE = "Too many failed attempts from your network. Try again in 15 minutes.";

export const passwordResetRouter = router({
  /** Mails a reset link when the email has an account; the answer is the same when it has none. */
  request: mailRequest(
    { ipPrefix: "reset-ip", perIp: RESET_REQUEST_LIMIT, message: RESET_REQUEST_THROTTLED_MESSAGE },
    requestPasswordReset,
  ),

  /** Whether a link can still be used, and for which account (its page shows the email). */
  check: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .output(z.object({ email: z.string() }))
    .query(async ({ ctx, input }) => {
      const { email } = await findPasswordReset(ctx.db, input.token);
      return { email };
    }),

  /** Sets the new password and signs the account out everywhere; the link is used up. */
  complete: publicProcedure
    .input(z.object({ token: tokenSchema, password: passwordSchema }))
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const attempt = await countPublicRequest(ctx.db, ctx.headers, {
        ipPrefix: "reset-link-ip",
        perIp: ACCEPT_INVITATION_FAILURE_LIMIT,
        message: RESET_FAILURES_THROTTLED_MESSAGE,
      });
      const reset = await resetPassword(ctx.db, input);
      await attempt.forget(); // only failures count
      return reset;
    }),
});

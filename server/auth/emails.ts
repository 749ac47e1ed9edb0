/** The mails of sign-up and password reset: plain text, fixed wording, links on APP_URL. */
import { appUrl, type EmailMessage } from "@/server/services/mailer";

const signature = "— Tandem";

export function signUpConfirmationEmail(to: { email: string; name: string; organizationName: string }, token: string) {
  return {
    to: to.email,
    subject: "Confirm your email to create your Tandem organization",
    text: [
      `Hello ${to.name},`,
      "",
      `Confirm that this address is yours to create the organization "${to.organizationName}" on Tandem:`,
      appUrl(`/confirm-email/${token}`),
      "",
      "You will be asked for the password you chose. The link works once and expires in 24 hours.",
      "If you did not sign up, ignore this mail: nothing is created without it.",
      "",
      signature,
    ].join("\n"),
  } satisfies EmailMessage;
}

/** Sent instead of a confirmation when the address already has an account (the sign-up page cannot say so). */
export function alreadyHaveAccountEmail(email: string) {
  return {
    to: email,
    subject: "You already have a Tandem account",
    text: [
      "Someone (probably you) tried to create a Tandem organization with this address, but it already has an",
      "account. Nothing was changed.",
      "",
      `Sign in: ${appUrl(`/sign-in?email=${encodeURIComponent(email)}`)}`,
      `Forgot your password? ${appUrl("/forgot-password")}`,
      "",
      signature,
    ].join("\n"),
  } satisfies EmailMessage;
}

export function passwordResetEmail(email: string, token: string, minutes: number) {
  return {
    to: email,
    subject: "Reset your Tandem password",
    text: [
      "Someone (probably you) asked to reset the password of the Tandem account of this address.",
      "Choose a new password here:",
      appUrl(`/reset-password/${token}`),
      "",
      `The link works once and expires in ${minutes} minutes. Resetting signs you out on every device.`,
      "If you did not ask for it, ignore this mail: your password stays as it is.",
      "",
      signature,
    ].join("\n"),
  } satisfies EmailMessage;
}

export function passwordChangedEmail(email: string) {
  return {
    to: email,
    subject: "Your Tandem password was changed",
    text: [
      "The password of your Tandem account was just reset through a link sent to this address, and every",
      "session was signed out.",
      "",
      `If it was not you, reset it again now: ${appUrl("/forgot-password")}`,
      "",
      signature,
    ].join("\n"),
  } satisfies EmailMessage;
}

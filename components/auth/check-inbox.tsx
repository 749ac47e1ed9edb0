import type { ReactNode } from "react";

/** What to do after a sign-up: the mail is on its way. */
export function CheckInbox({ email, children }: { email: string; children?: ReactNode }) {
  return (
    <div className="space-y-4 text-sm text-slate-700" data-testid="check-inbox">
      <p>
        We sent a link to <strong className="font-medium text-slate-900">{email}</strong>. Open it to confirm your email
        address and finish; it works for 24 hours.
      </p>
      <p className="text-slate-600">
        Nothing there after a few minutes? Look in your spam folder, or check the address and sign up again.
      </p>
      {children}
    </div>
  );
}

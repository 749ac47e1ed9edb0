"use server";
/**
 * The customer view's two actions, as server actions: they call only the customer view's own procedures
 * (sharedPlan.*), with the request's headers so that the per-address limit applies.
 */
import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { errorIssues } from "@/server/trpc/init";
import { serverCaller } from "@/server/trpc/server";

export interface ShareActionState {
  error: string | null;
}

async function run(token: string, action: () => Promise<unknown>): Promise<ShareActionState> {
  try {
    await action();
  } catch (error) {
    if (error instanceof TRPCError)
      return {
        error: errorIssues(error)
          .map((issue) => issue.message)
          .join(" "),
      };
    throw error;
  }
  revalidatePath(`/share/${token}`);
  return { error: null };
}

export async function markStepDone(token: string, stepId: string): Promise<ShareActionState> {
  const caller = await serverCaller();
  return run(token, () => caller.sharedPlan.completeStep({ token, stepId }));
}

export async function commentOnPlan(
  token: string,
  _state: ShareActionState,
  form: FormData,
): Promise<ShareActionState> {
  const caller = await serverCaller();
  return run(token, () => caller.sharedPlan.comment({ token, body: String(form.get("body") ?? "") }));
}

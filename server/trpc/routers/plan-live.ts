/**
 * Live collaboration on an account plan (docs/plans.md): a subscription over server-sent events that tells the
 * plan's page about every change (from a collaborator, from the customer's share link) and who else is viewing.
 * Access is checked once when the stream opens, like a page load; the stream carries ids and verbs only, so
 * the page reloads the plan through the usual, access-checked procedures.
 */
import { tracked } from "@trpc/server";
import { z } from "zod";
import { requirePlan } from "@/server/services/plan-access";
import { assertMayOpenStream, planStream } from "@/server/services/plan-live";
import { orgProcedure, router } from "../init";
import { idSchema } from "@/server/domain/schemas";

export const planLiveRouter = router({
  /**
   * The plan's live events. Each carries the id of the last change seen as its event id, so a client that
   * reconnects (EventSource sends it back as `lastEventId`) first gets the changes it missed, then `sync`.
   */
  watch: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, lastEventId: z.string().max(64).nullish() }))
    .subscription(async ({ ctx, input, signal }) => {
      await requirePlan(ctx.db, ctx.actor, input.planId, "read");
      assertMayOpenStream(ctx.user.id);
      const events = planStream(ctx.connection, ctx.actor, {
        planId: input.planId,
        viewer: { userId: ctx.user.id, name: ctx.user.name },
        lastEventId: input.lastEventId ?? null,
        signal,
      });
      return (async function* () {
        let cursor = input.lastEventId ?? "start";
        for await (const event of events) {
          if (event.kind === "change") cursor = event.id;
          yield tracked(cursor, event);
        }
      })();
    }),
});

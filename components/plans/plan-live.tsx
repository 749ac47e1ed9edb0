"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import type { Viewer } from "@/server/domain/presence";
import { describePlanAction } from "./labels";

/** Changes arriving together (a template's steps, a burst of edits) reload the plan once. */
const RELOAD_DELAY_MS = 150;

/**
 * Keeps the plan's page live (server/trpc/routers/plan-live.ts): every change from anyone — a collaborator, the
 * customer's share link — reloads the plan's queries, and the people viewing the plan are listed. The stream
 * reconnects by itself and replays what it missed.
 */
export function usePlanLive(planId: string, meId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [lastChange, setLastChange] = useState<string | null>(null);
  // Counts the changes heard; the plan reloads RELOAD_DELAY_MS after the last of a burst.
  const [changesHeard, setChangesHeard] = useState(0);

  useEffect(() => {
    if (changesHeard === 0) return;
    const timer = setTimeout(() => {
      for (const queryKey of [trpc.plans.pathKey(), trpc.planComments.pathKey(), trpc.planSharing.pathKey()])
        void queryClient.invalidateQueries({ queryKey });
    }, RELOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [changesHeard, queryClient, trpc]);

  const subscription = useSubscription(
    trpc.planLive.watch.subscriptionOptions(
      { planId },
      {
        onData: ({ data: event }) => {
          if (event.kind === "presence") return setViewers(event.viewers.filter((v) => v.userId !== meId));
          setChangesHeard((count) => count + 1);
          if (event.kind === "change" && !event.replayed && event.actorId !== meId)
            setLastChange(`${event.actorId ? "A teammate" : "The customer"} ${describePlanAction(event.action)}.`);
        },
      },
    ),
  );
  return { viewers, lastChange, connected: subscription.status === "pending" };
}

/** "Live" with who else is here, and a polite announcement of others' changes for screen readers. */
export function PlanLiveBar({ planId, meId }: { planId: string; meId: string }) {
  const { viewers, lastChange, connected } = usePlanLive(planId, meId);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700" data-testid="plan-live">
      <span className="inline-flex items-center gap-1.5">
        <span
          aria-hidden
          className={connected ? "size-2 rounded-full bg-green-600" : "size-2 rounded-full bg-amber-500"}
        />
        {connected ? "Live" : "Reconnecting…"}
      </span>
      <span data-testid="plan-viewers">
        {viewers.length === 0
          ? "No one else is viewing"
          : `Also viewing: ${viewers.map((viewer) => viewer.name).join(", ")}`}
      </span>
      <span role="status" aria-live="polite" className="text-slate-600">
        {lastChange}
      </span>
    </div>
  );
}

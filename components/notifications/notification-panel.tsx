"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { formatDateTime } from "@/components/format";
import type { OrgScopeValue } from "@/components/trpc/org-scope";
import { TRPCReactProvider, scopeClients, useTRPC } from "@/components/trpc/provider";
import { Button, cx } from "@/components/ui";

/** The payload's sentence and in-organization path (server/services/notifications.ts NotificationPayload). */
function textOf(payload: Record<string, unknown>, kind: string): string {
  return typeof payload.text === "string" ? payload.text : kind;
}
function pathOf(payload: Record<string, unknown>): string {
  return typeof payload.path === "string" && payload.path.startsWith("/") ? payload.path : "";
}

/** The caller's unread count, for the bell's refresh (this module loads only when it is needed). */
export async function fetchUnreadCount(scope: OrgScopeValue): Promise<number> {
  return (await scopeClients(scope).trpcClient.notifications.unreadCount.query()).count;
}

interface PanelProps {
  orgSlug: string;
  unread: number;
  onUnread: (count: number) => void;
  onClose: () => void;
}

/**
 * The open bell's content (loaded on the first opening, with TanStack Query and the tRPC client): the newest
 * notifications, "Mark all read", "Show older". Opening an item marks it read; the count follows every change.
 */
export function NotificationPanel(props: PanelProps) {
  return (
    <TRPCReactProvider>
      <PanelContent {...props} />
    </TRPCReactProvider>
  );
}

function PanelContent({ orgSlug, unread, onUnread, onClose }: PanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  const count = useQuery(trpc.notifications.unreadCount.queryOptions());
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { limit: 10 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  // After a change the bell's count follows, even when the panel has closed meanwhile (an item was opened).
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
    onUnread((await queryClient.fetchQuery(trpc.notifications.unreadCount.queryOptions())).count);
  };
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAllRead = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));

  useEffect(() => {
    if (count.data) onUnread(count.data.count);
  }, [count.data, onUnread]);
  // Opening moves focus into the panel: to its first control, once this content is here.
  useEffect(() => {
    if (!ref.current?.contains(document.activeElement)) {
      ref.current?.querySelector<HTMLElement>("a, button:not(:disabled)")?.focus();
    }
  }, []);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div ref={ref}>
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
        <Button
          variant="ghost"
          className="px-2 py-1 text-xs"
          disabled={unread === 0 || markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
        >
          Mark all read
        </Button>
      </div>
      {list.isPending ? (
        <p className="px-3 py-4 text-sm text-slate-600">Loading…</p>
      ) : list.isError ? (
        <p role="alert" className="px-3 py-4 text-sm text-red-700">
          Notifications could not be loaded.{" "}
          <button type="button" className="underline" onClick={() => list.refetch()}>
            Try again
          </button>
        </p>
      ) : items.length === 0 ? (
        <p className="px-3 py-4 text-sm text-slate-600">Nothing new. You are all caught up.</p>
      ) : (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
          {items.map((item) => (
            <li key={item.id}>
              <Link
                href={`/o/${orgSlug}${pathOf(item.payload)}`}
                onClick={() => {
                  if (!item.readAt) markRead.mutate({ ids: [item.id] });
                  onClose();
                }}
                className={cx(
                  "block px-3 py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                  item.readAt ? "text-slate-600" : "font-medium text-slate-900",
                )}
              >
                {!item.readAt && <span className="sr-only">Unread: </span>}
                {!item.readAt && (
                  <span aria-hidden className="mr-1 inline-block size-2 rounded-full bg-brand-600 align-middle" />
                )}
                {textOf(item.payload, item.kind)}
                <span className="block text-xs font-normal text-slate-500">{formatDateTime(item.createdAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="border-t border-slate-200 p-2">
          <Button
            variant="ghost"
            className="w-full text-xs"
            disabled={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          >
            Show older
          </Button>
        </div>
      )}
    </div>
  );
}

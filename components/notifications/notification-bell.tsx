"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc/provider";
import { Button, cx } from "@/components/ui";

/** The payload's sentence and in-organization path (server/services/notifications.ts NotificationPayload). */
function textOf(payload: Record<string, unknown>, kind: string): string {
  return typeof payload.text === "string" ? payload.text : kind;
}
function pathOf(payload: Record<string, unknown>): string {
  return typeof payload.path === "string" && payload.path.startsWith("/") ? payload.path : "";
}

/**
 * The bell: a button naming the unread count, opening a list of the newest notifications. Escape or a click
 * outside closes it and focus returns to the button; opening an item marks it read.
 */
export function NotificationBell({ orgSlug, align = "left" }: { orgSlug: string; align?: "left" | "right" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const count = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 60_000 });
  const list = useInfiniteQuery({
    ...trpc.notifications.list.infiniteQueryOptions(
      { limit: 10 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAllRead = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    panelRef.current?.querySelector<HTMLElement>("a, button")?.focus();
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const unread = count.data?.count ?? 0;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <div className="relative print:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={2}>
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden
            className="absolute -top-1 -right-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label="Notifications"
          className={cx(
            "absolute z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg bg-white shadow-lg ring-1 ring-slate-200",
            align === "left" ? "left-0" : "right-0",
          )}
        >
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
                      setOpen(false);
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
      )}
    </div>
  );
}

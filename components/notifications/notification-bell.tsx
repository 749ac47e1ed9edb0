"use client";
import { Suspense, lazy, use, useCallback, useEffect, useId, useRef, useState } from "react";
import { OrgScopeContext } from "@/components/trpc/org-scope";
import { cx } from "@/components/ui";

/**
 * The list, with TanStack Query and the tRPC client, loads on the first opening (docs/home.md, JavaScript budget).
 * React's lazy, not next/dynamic: the panel never renders on the server, and next/dynamic's runtime would weigh
 * on every page.
 */
const NotificationPanel = lazy(() =>
  import("./notification-panel").then((module) => ({ default: module.NotificationPanel })),
);

const REFRESH_MS = 60_000;
const STALE_MS = 30_000;

/**
 * The bell: a button naming the unread count, opening a list of the newest notifications. Escape or a click
 * outside closes it and focus returns to the button; opening an item marks it read. The count comes rendered
 * from the server (`initialUnread`) and is refreshed every minute while the page is visible, and when it
 * becomes visible again after 30 s.
 */
export function NotificationBell({
  orgSlug,
  initialUnread,
  align = "left",
}: {
  orgSlug: string;
  initialUnread: number;
  align?: "left" | "right";
}) {
  const scope = use(OrgScopeContext);
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(initialUnread);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!scope) return;
    let fetchedAt = Date.now();
    const refresh = () => {
      if (document.hidden || Date.now() - fetchedAt < STALE_MS) return;
      fetchedAt = Date.now();
      import("./notification-panel").then((module) => module.fetchUnreadCount(scope)).then(setUnread, () => {});
    };
    const timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [scope]);

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
    // Focus goes into the dialog; its content, once loaded, moves it to its first control (notification-panel.tsx).
    if (!panelRef.current?.contains(document.activeElement)) panelRef.current?.focus();
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

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
          tabIndex={-1}
          className={cx(
            "absolute z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg bg-white shadow-lg ring-1 ring-slate-200 focus:outline-none",
            align === "left" ? "left-0" : "right-0",
          )}
        >
          <Suspense fallback={<p className="px-3 py-4 text-sm text-slate-600">Loading…</p>}>
            <NotificationPanel orgSlug={orgSlug} unread={unread} onUnread={setUnread} onClose={close} />
          </Suspense>
        </div>
      )}
    </div>
  );
}

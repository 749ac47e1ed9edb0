/**
 * Who is viewing a plan, across app instances (docs/plans.md, live collaboration): each instance announces the
 * viewers it serves for a plan, again every PRESENCE_HEARTBEAT_MS; an announcement counts until it expires, so
 * an instance that stops (crash, deploy) drops out by itself. Pure: the caller supplies the clock.
 */

export interface Viewer {
  userId: string;
  name: string;
}

/** How often an instance repeats its viewers of a plan. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
/** An announcement older than this is ignored (two heartbeats and a margin). */
export const PRESENCE_TTL_MS = 25_000;

export interface Announcement {
  instanceId: string;
  viewers: readonly Viewer[];
  receivedAt: number;
}

/** One plan's latest announcement per instance. */
export type PlanPresence = ReadonlyMap<string, Announcement>;

/** The presence after an announcement: an instance with no viewers left is removed. */
export function announce(presence: PlanPresence, announcement: Announcement): Map<string, Announcement> {
  const next = new Map(presence);
  if (announcement.viewers.length === 0) next.delete(announcement.instanceId);
  else next.set(announcement.instanceId, announcement);
  return next;
}

/** Everyone viewing at `now`: each person once (several tabs or instances), sorted by name. */
export function viewersAt(presence: PlanPresence, now: number): Viewer[] {
  const byUser = new Map<string, Viewer>();
  for (const announcement of presence.values()) {
    if (now - announcement.receivedAt > PRESENCE_TTL_MS) continue;
    for (const viewer of announcement.viewers) byUser.set(viewer.userId, viewer);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

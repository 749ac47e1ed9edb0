/**
 * A buffer between a push source (a LISTEN callback) and one pulling stream (an SSE response): events wait
 * here until the client takes them. A client too slow to keep up gets `overflow` instead of an unbounded
 * backlog (for live plans: `sync`, which makes it reload once).
 */

/** Events one slow stream may have waiting before they are replaced by the overflow event. */
export const MAX_PENDING_EVENTS = 500;

export interface EventQueue<T> {
  push(event: T): void;
  /** `first`, then every pushed event until `signal` aborts; `onClose` runs when the stream ends either way. */
  drain(first: readonly T[], onClose: () => void): AsyncIterable<T>;
}

export function eventQueue<T>(signal: AbortSignal | undefined, overflow: T): EventQueue<T> {
  let pending: T[] = [];
  let wake: (() => void) | null = null;
  return {
    push(event) {
      pending = pending.length >= MAX_PENDING_EVENTS ? [overflow] : [...pending, event];
      wake?.();
    },
    async *drain(first, onClose) {
      const aborted = new Promise<void>((resolve) => {
        if (signal?.aborted) resolve();
        signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      try {
        yield* first;
        while (!signal?.aborted) {
          if (pending.length > 0) {
            const [next, ...rest] = pending;
            pending = rest;
            yield next!;
            continue;
          }
          await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
          wake = null;
        }
      } finally {
        onClose();
      }
    },
  };
}

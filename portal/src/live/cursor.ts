// Resuming subscriptions. Every event carries a cursor; subscribing again
// with `after:` the last one received delivers everything missed, with no
// gap and no duplicate. The graphql-ws client re-sends the same request when
// it reconnects (a network drop, the laptop waking up, 1013, 1001), so the
// request's `after` is kept at the last cursor received.
import type { CombinedError } from "@urql/core";

type Variables = Record<string, unknown>;
export type SubscriptionRequest = { query: string; variables?: Variables; [k: string]: unknown };

/** The cursor of an event in a subscription result: `data.<field>.cursor`. */
export function cursorOf(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  for (const value of Object.values(data as Record<string, unknown>)) {
    if (value && typeof value === "object" && typeof (value as { cursor?: unknown }).cursor === "string") {
      return (value as { cursor: string }).cursor;
    }
  }
  return null;
}

/** Whether cursor a comes after b. Cursors are decimal event numbers; null is before all. */
export function isAfter(a: string, b: string | null | undefined): boolean {
  if (b == null || b === "") return true;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return a.length !== b.length ? a.length > b.length : a > b;
  }
  return a !== b;
}

/**
 * A copy of a subscription request that follows the events it receives:
 * `received` moves its `after` to each new cursor (never back), so the
 * client's reconnect resumes from the last event seen. A request that does
 * not take `after` is returned as it is.
 */
export function resumable<R extends SubscriptionRequest>(request: R): { request: R; received: (data: unknown) => void } {
  const variables: Variables = { ...(request.variables ?? {}) };
  const copy = { ...request, variables };
  const takesAfter = /\$after\b/.test(request.query);
  return {
    request: copy,
    received(data) {
      if (!takesAfter) return;
      const cursor = cursorOf(data);
      if (cursor && isAfter(cursor, variables.after as string | null | undefined)) variables.after = cursor;
    },
  };
}

/** Whether a subscription ended because its cursor is older than the events kept. */
export function isCursorExpired(error: CombinedError | null | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === "CURSOR_EXPIRED");
}

/**
 * How long to wait before reconnect attempt n (0-based): 0.5 s, 1 s, 2 s, …
 * at most 10 s, plus up to half a second so many clients do not return at once.
 */
export function retryDelay(retries: number, random: () => number = Math.random): number {
  return Math.min(500 * 2 ** retries, 10_000) + Math.floor(random() * 500);
}

// One idempotency key per attempt to place an order. The key is made when
// the review opens and sent with every try of that attempt: a retry after a
// network error (the order may or may not have been placed) reuses it, so the
// server returns the first order instead of placing a second. Once the order
// is placed, or the server has refused it (nothing was placed, and the person
// may now change the lines), the next try is a new attempt with a new key.

export type PlacePhase =
  /** Ready to send; nothing sent with this key yet, or the last try was refused. */
  | "ready"
  /** A request is in flight: the button is disabled. */
  | "sending"
  /** The last try failed on the network: it may have been placed; retry with the same key. */
  | "unsure"
  /** Placed: orderID is the result. */
  | "placed";

export type PlaceState = { key: string; phase: PlacePhase; orderID: string | null };

export type PlaceAction =
  | { type: "send" }
  | { type: "networkError" }
  | { type: "refused"; newKey: string }
  | { type: "placed"; orderID: string; newKey: string };

/** The state when the review opens: a fresh key, nothing sent. */
export function openAttempt(newKey: string): PlaceState {
  return { key: newKey, phase: "ready", orderID: null };
}

/** Whether a try may start now: never while one is in flight. */
export function canSend(s: PlaceState): boolean {
  return s.phase !== "sending";
}

export function placeReducer(s: PlaceState, a: PlaceAction): PlaceState {
  switch (a.type) {
    case "send":
      return canSend(s) ? { ...s, phase: "sending", orderID: null } : s;
    case "networkError":
      // The outcome is unknown: keep the key so a retry cannot place twice.
      return { ...s, phase: "unsure" };
    case "refused":
      // Nothing was placed; the lines may change before the next try.
      return { key: a.newKey, phase: "ready", orderID: null };
    case "placed":
      // Done: ordering again is another order, with another key.
      return { key: a.newKey, phase: "placed", orderID: a.orderID };
  }
}

/** A random key: 128 bits as hex, from the browser's secure random source. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Confirming several orders at once: which rows may be chosen, what is
// sent, and what each order's result says.
import type { OrderStatus } from "../gql/graphql";

export type Selectable = { id: string; version: number; allowedTransitions: OrderStatus[] };

/** An order may be ticked for confirmation when the server offers this reader to confirm it. */
export const confirmable = (o: Selectable) => o.allowedTransitions.includes("CONFIRMED");

/**
 * The orders chosen, each with the version shown when it was ticked: if it
 * changes before the confirmation is sent (live, or unseen), the server
 * refuses that one as changed rather than confirming what was not looked at.
 */
export type Chosen = ReadonlyMap<string, number>;

export function choose(chosen: Chosen, o: Selectable, on: boolean): Map<string, number> {
  const next = new Map(chosen);
  if (on && confirmable(o)) next.set(o.id, o.version);
  else next.delete(o.id);
  return next;
}

/** What confirmOrders is sent: each chosen order at the version it was chosen at. */
export function confirmInput(chosen: Chosen) {
  return [...chosen].map(([id, expectedVersion]) => ({ id, expectedVersion }));
}

export type Outcome = { ok: true } | { ok: false; code: string };

/** Each order's outcome by id. */
export function outcomes(results: { id: string; order?: unknown | null; error?: { code: string } | null }[]): Map<string, Outcome> {
  return new Map(
    results.map((r): [string, Outcome] => [r.id, r.error ? { ok: false, code: r.error.code } : { ok: true }]),
  );
}

// Confirming several orders at once: which rows may be chosen, what is
// sent, and what each order's result says.
import type { OrderStatus } from "../gql/graphql";

export type Selectable = { id: string; number: string; version: number; allowedTransitions: OrderStatus[] };

/** An order may be ticked for confirmation when the server offers this reader to confirm it. */
export const confirmable = (o: Selectable) => o.allowedTransitions.includes("CONFIRMED");

/**
 * The orders chosen, each with the version shown when it was ticked: if it
 * changes before the confirmation is sent (live, or unseen), the server
 * refuses that one as changed rather than confirming what was not looked at.
 */
export type Chosen = ReadonlyMap<string, { number: string; version: number }>;

export function choose(chosen: Chosen, o: Selectable, on: boolean): Map<string, { number: string; version: number }> {
  const next = new Map(chosen);
  if (on && confirmable(o)) next.set(o.id, { number: o.number, version: o.version });
  else next.delete(o.id);
  return next;
}

/** What confirmOrders is sent: each chosen order at the version it was chosen at. */
export function confirmInput(chosen: Chosen) {
  return [...chosen].map(([id, { version }]) => ({ id, expectedVersion: version }));
}

export type Outcome = { number: string } & ({ ok: true } | { ok: false; code: string });

/**
 * Each order's outcome by id, in the order asked, named by the number it was
 * chosen under: a refused order may have left the list by then.
 */
export function outcomes(
  sent: Chosen,
  results: { id: string; order?: unknown | null; error?: { code: string } | null }[],
): Map<string, Outcome> {
  return new Map(
    results.map((r): [string, Outcome] => {
      const number = sent.get(r.id)?.number ?? "";
      return [r.id, r.error ? { number, ok: false, code: r.error.code } : { number, ok: true }];
    }),
  );
}

// Confirming several orders at once: which rows may be chosen, what is
// sent, and what each order's result says.
import type { OrderStatus } from "../gql/graphql";

export type Selectable = { id: string; version: number; allowedTransitions: OrderStatus[] };

/** An order may be ticked for confirmation when the server offers this reader to confirm it. */
export const confirmable = (o: Selectable) => o.allowedTransitions.includes("CONFIRMED");

/** What confirmOrders is sent: each chosen order still shown, at the version shown. */
export function confirmInput(shown: Selectable[], chosen: ReadonlySet<string>) {
  return shown.filter((o) => chosen.has(o.id) && confirmable(o)).map((o) => ({ id: o.id, expectedVersion: o.version }));
}

export type Outcome = { ok: true } | { ok: false; code: string };

/** Each order's outcome by id. */
export function outcomes(results: { id: string; order?: unknown | null; error?: { code: string } | null }[]): Map<string, Outcome> {
  return new Map(
    results.map((r): [string, Outcome] => [r.id, r.error ? { ok: false, code: r.error.code } : { ok: true }]),
  );
}

// A shipment's tracking as the order page shows it.

/** Events in the order they happened. */
export function byOccurred<T extends { occurredAt: string }>(events: readonly T[] | null | undefined): T[] {
  return [...(events ?? [])].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

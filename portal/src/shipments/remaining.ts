// What is left to ship of an order's lines.

export type LineShipped = { id: string; quantity: number; shipmentLines?: { quantity: number }[] | null };

/** Units of a line not yet in any shipment: ordered less shipped, never below 0. */
export function remainingQuantity(line: LineShipped): number {
  const shipped = (line.shipmentLines ?? []).reduce((sum, s) => sum + s.quantity, 0);
  return Math.max(0, line.quantity - shipped);
}

/** Whether an order in this status takes a new shipment (with something left). */
export function canShip(status: string): boolean {
  return ["CONFIRMED", "IN_FULFILLMENT", "SHIPPED", "PARTIALLY_DELIVERED"].includes(status);
}

/** Events in the order they happened. */
export function byOccurred<T extends { occurredAt: string }>(events: readonly T[] | null | undefined): T[] {
  return [...(events ?? [])].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** Shipment statuses a delivery event may report next, from a shipment's status. */
export function nextStatuses(status: string): ("IN_TRANSIT" | "DELIVERED" | "EXCEPTION")[] {
  switch (status) {
    case "PREPARING":
      return ["IN_TRANSIT"];
    case "IN_TRANSIT":
      return ["IN_TRANSIT", "DELIVERED", "EXCEPTION"];
    case "EXCEPTION":
      return ["IN_TRANSIT", "EXCEPTION"];
    default:
      return [];
  }
}

import { describe, expect, it } from "vitest";
import { byOccurred, canShip, nextStatuses, remainingQuantity } from "./remaining";

describe("remainingQuantity", () => {
  it("is the ordered quantity less every shipment's", () => {
    expect(remainingQuantity({ id: "1", quantity: 10 })).toBe(10);
    expect(remainingQuantity({ id: "1", quantity: 10, shipmentLines: [{ quantity: 4 }, { quantity: 3 }] })).toBe(3);
    expect(remainingQuantity({ id: "1", quantity: 5, shipmentLines: [{ quantity: 5 }] })).toBe(0);
  });
  it("is never below 0", () => {
    expect(remainingQuantity({ id: "1", quantity: 2, shipmentLines: [{ quantity: 3 }] })).toBe(0);
  });
});

describe("shipping rules", () => {
  it("ships confirmed and partly shipped orders only", () => {
    expect(canShip("CONFIRMED")).toBe(true);
    expect(canShip("IN_FULFILLMENT")).toBe(true);
    expect(canShip("SUBMITTED")).toBe(false);
    expect(canShip("DELIVERED")).toBe(false);
  });
  it("offers the moves a shipment may make", () => {
    expect(nextStatuses("PREPARING")).toEqual(["IN_TRANSIT"]);
    expect(nextStatuses("IN_TRANSIT")).toContain("DELIVERED");
    expect(nextStatuses("DELIVERED")).toEqual([]);
  });
  it("orders events by when they happened", () => {
    const e = byOccurred([{ occurredAt: "2026-03-02T10:00:00+08:00" }, { occurredAt: "2026-03-02T01:00:00Z" }]);
    expect(e[0].occurredAt).toBe("2026-03-02T01:00:00Z");
  });
});

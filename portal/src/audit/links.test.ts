import { describe, expect, it } from "vitest";
import { actionChoices, filterOf, recordLink } from "./links";

describe("audit trail links", () => {
  it("links the kinds the portal has pages for, and no other", () => {
    expect(recordLink("Order", "38654705665")).toBe("/orders/38654705665");
    expect(recordLink("ServiceTicket", "7")).toBe("/tickets/7");
    expect(recordLink("Product", "7")).toBeNull();
  });
  it("reads the filters from the address", () => {
    expect(filterOf(new URLSearchParams("dealer=5&action=order.&from=2026-01-01"))).toEqual({
      actorID: null, dealerID: "5", subjectType: null, action: "order.", from: "2026-01-01", to: null,
    });
  });
  it("offers each action's family and the action", () => {
    expect(actionChoices(["order.place", "order.transition", "webhook.create"])).toEqual([
      "order.", "order.place", "order.transition", "webhook.", "webhook.create",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { HIGHLIGHT_MS, highlightReducer, initialHighlight, isMarked } from "./highlight";

const change = (orderID: string, to: string, at: number) => ({ orderID, number: "SO-" + orderID, to, at });

describe("live highlight", () => {
  it("marks a changed order and announces it", () => {
    const s = highlightReducer(initialHighlight, { type: "changed", change: change("1", "CONFIRMED", 1000) });
    expect(isMarked(s, "1")).toBe(true);
    expect(isMarked(s, "2")).toBe(false);
    expect(s.announcement?.to).toBe("CONFIRMED");
  });

  it("does not announce the same change twice", () => {
    const s = highlightReducer(initialHighlight, { type: "changed", change: change("1", "CONFIRMED", 1000) });
    expect(highlightReducer(s, { type: "changed", change: change("1", "CONFIRMED", 1500) })).toBe(s);
    const next = highlightReducer(s, { type: "changed", change: change("1", "IN_FULFILLMENT", 2000) });
    expect(next.marked["1"].to).toBe("IN_FULFILLMENT");
    expect(next.announcement?.at).toBe(2000);
  });

  it("lets highlights expire, each after its own time", () => {
    let s = highlightReducer(initialHighlight, { type: "changed", change: change("1", "CONFIRMED", 1000) });
    s = highlightReducer(s, { type: "changed", change: change("2", "CANCELLED", 4000) });
    s = highlightReducer(s, { type: "expire", now: 1000 + HIGHLIGHT_MS });
    expect(Object.keys(s.marked)).toEqual(["2"]);
    expect(highlightReducer(s, { type: "expire", now: 1000 + HIGHLIGHT_MS })).toBe(s);
    s = highlightReducer(s, { type: "expire", now: 4000 + HIGHLIGHT_MS });
    expect(s.marked).toEqual({});
  });
});

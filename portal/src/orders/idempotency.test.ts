import { describe, expect, it } from "vitest";
import { canSend, newIdempotencyKey, openAttempt, placeReducer, type PlaceAction, type PlaceState } from "./idempotency";

const run = (s: PlaceState, ...actions: PlaceAction[]) => actions.reduce(placeReducer, s);

describe("one idempotency key per attempt", () => {
  it("is made when the review opens and sent while in flight", () => {
    const s = run(openAttempt("k1"), { type: "send" });
    expect(s).toEqual({ key: "k1", phase: "sending", orderID: null });
    expect(canSend(s)).toBe(false);
  });

  it("ignores a second send while one is in flight (a double click)", () => {
    const sending = run(openAttempt("k1"), { type: "send" });
    expect(placeReducer(sending, { type: "send" })).toBe(sending);
  });

  it("keeps the key for a retry after a network error", () => {
    const s = run(openAttempt("k1"), { type: "send" }, { type: "networkError" });
    expect(s).toEqual({ key: "k1", phase: "unsure", orderID: null });
    expect(canSend(s)).toBe(true);
    const again = run(s, { type: "send" }, { type: "networkError" }, { type: "send" });
    expect(again.key).toBe("k1");
  });

  it("takes a new key after success", () => {
    const s = run(openAttempt("k1"), { type: "send" }, { type: "networkError" }, { type: "send" }, {
      type: "placed",
      orderID: "o1",
      newKey: "k2",
    });
    expect(s).toEqual({ key: "k2", phase: "placed", orderID: "o1" });
    expect(run(s, { type: "send" })).toEqual({ key: "k2", phase: "sending", orderID: null });
  });

  it("takes a new key after a refusal, since the lines may change", () => {
    const s = run(openAttempt("k1"), { type: "send" }, { type: "refused", newKey: "k2" });
    expect(s).toEqual({ key: "k2", phase: "ready", orderID: null });
  });

  it("makes distinct random keys", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

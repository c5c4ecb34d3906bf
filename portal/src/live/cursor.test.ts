import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { cursorOf, isAfter, isCursorExpired, resumable, retryDelay } from "./cursor";

const query = "subscription S($after: String) { orderStatusChanged(after: $after) { cursor } }";
const event = (cursor: string) => ({ orderStatusChanged: { cursor, to: "CONFIRMED" } });

describe("cursor tracking", () => {
  it("reads the event's cursor", () => {
    expect(cursorOf(event("42"))).toBe("42");
    expect(cursorOf({ other: 1 })).toBeNull();
    expect(cursorOf(null)).toBeNull();
  });

  it("compares cursors as numbers", () => {
    expect(isAfter("10", "9")).toBe(true);
    expect(isAfter("9", "10")).toBe(false);
    expect(isAfter("10", "10")).toBe(false);
    expect(isAfter("1", null)).toBe(true);
  });

  it("moves after to each new cursor, never back, on its own copy", () => {
    const original = { query, variables: { after: "5", orderID: "o1" } };
    const { request, received } = resumable(original);
    expect(request.variables).toEqual({ after: "5", orderID: "o1" });
    received(event("6"));
    received(event("8"));
    received(event("7")); // a late duplicate never rewinds
    expect(request.variables).toEqual({ after: "8", orderID: "o1" });
    expect(original.variables.after).toBe("5");
  });

  it("starts from the first event when subscribed without a cursor", () => {
    const { request, received } = resumable({ query, variables: {} as Record<string, unknown> });
    received(event("3"));
    expect(request.variables.after).toBe("3");
  });

  it("leaves requests without $after alone", () => {
    const { request, received } = resumable({ query: "subscription { x { cursor } }", variables: {} });
    received({ x: { cursor: "3" } });
    expect(request.variables).toEqual({});
  });

  it("recognises CURSOR_EXPIRED", () => {
    expect(
      isCursorExpired(new CombinedError({ graphQLErrors: [{ message: "old", extensions: { code: "CURSOR_EXPIRED" } }] })),
    ).toBe(true);
    expect(isCursorExpired(new CombinedError({ networkError: new Error("x") }))).toBe(false);
    expect(isCursorExpired(undefined)).toBe(false);
  });

  it("backs off reconnects up to ten seconds", () => {
    expect(retryDelay(0, () => 0)).toBe(500);
    expect(retryDelay(1, () => 0)).toBe(1000);
    expect(retryDelay(10, () => 0)).toBe(10_000);
    expect(retryDelay(0, () => 0.999)).toBe(999);
  });
});

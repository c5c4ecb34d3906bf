import { describe, expect, it } from "vitest";
import { byOccurred } from "./tracking";

describe("tracking", () => {
  it("orders events by when they happened", () => {
    const e = byOccurred([{ occurredAt: "2026-03-02T10:00:00+08:00" }, { occurredAt: "2026-03-02T01:00:00Z" }]);
    expect(e[0].occurredAt).toBe("2026-03-02T01:00:00Z");
  });
});

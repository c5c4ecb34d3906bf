import { describe, expect, it } from "vitest";
import { confirmInput, confirmable, outcomes } from "./bulk";

const shown = [
  { id: "a", version: 3, allowedTransitions: ["CONFIRMED", "REJECTED"] as const },
  { id: "b", version: 1, allowedTransitions: ["REJECTED"] as const },
  { id: "c", version: 7, allowedTransitions: ["CONFIRMED"] as const },
].map((o) => ({ ...o, allowedTransitions: [...o.allowedTransitions] }));

describe("bulk confirmation", () => {
  it("lets only orders the server would confirm be chosen", () => {
    expect(shown.map(confirmable)).toEqual([true, false, true]);
  });

  it("sends each chosen order at the version shown", () => {
    expect(confirmInput(shown, new Set(["a", "b", "c", "gone"]))).toEqual([
      { id: "a", expectedVersion: 3 },
      { id: "c", expectedVersion: 7 },
    ]);
  });

  it("says per order what became of it", () => {
    const m = outcomes([
      { id: "a", order: { id: "a" }, error: null },
      { id: "c", order: null, error: { code: "CONFLICT" } },
    ]);
    expect(m.get("a")).toEqual({ ok: true });
    expect(m.get("c")).toEqual({ ok: false, code: "CONFLICT" });
  });
});

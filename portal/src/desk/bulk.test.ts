import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../gql/graphql";
import { choose, confirmInput, confirmable, outcomes } from "./bulk";

const order = (id: string, version: number, allowedTransitions: OrderStatus[]) => ({
  id,
  number: `SO-${id}`,
  version,
  allowedTransitions,
});
const a = order("a", 3, ["CONFIRMED", "REJECTED"]);
const b = order("b", 1, ["REJECTED"]);
const c = order("c", 7, ["CONFIRMED"]);

describe("bulk confirmation", () => {
  it("lets only orders the server would confirm be chosen", () => {
    expect([a, b, c].map(confirmable)).toEqual([true, false, true]);
    expect([...choose(new Map(), b, true)]).toEqual([]);
  });

  it("sends each chosen order at the version shown when it was chosen", () => {
    let chosen = choose(choose(choose(new Map(), a, true), b, true), c, true);
    // c changes on the page after it was ticked: the tick keeps what was looked at.
    const changed = { ...c, version: 8, allowedTransitions: [] as OrderStatus[] };
    expect(confirmInput(chosen)).toEqual([
      { id: "a", expectedVersion: 3 },
      { id: "c", expectedVersion: 7 },
    ]);
    chosen = choose(chosen, changed, false);
    expect(confirmInput(chosen)).toEqual([{ id: "a", expectedVersion: 3 }]);
  });

  it("says per order what became of it", () => {
    const sent = choose(choose(new Map(), a, true), c, true);
    const m = outcomes(sent, [
      { id: "a", order: { id: "a" }, error: null },
      { id: "c", order: null, error: { code: "CONFLICT" } },
    ]);
    expect(m.get("a")).toEqual({ number: "SO-a", ok: true });
    expect(m.get("c")).toEqual({ number: "SO-c", ok: false, code: "CONFLICT" });
  });
});

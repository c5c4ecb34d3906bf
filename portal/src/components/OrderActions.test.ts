import { describe, expect, it } from "vitest";
import { actionsOf } from "./OrderActions";

const order = { id: "1", number: "SO-000001", version: 1 };

describe("order actions", () => {
  it("offers what the server allows, releasing a hold first", () => {
    expect(actionsOf({ ...order, allowedTransitions: ["REJECTED", "CANCELLED"], canReleaseCreditHold: true })).toEqual([
      { kind: "release" },
      { kind: "move", to: "REJECTED" },
      { kind: "move", to: "CANCELLED" },
    ]);
    expect(actionsOf({ ...order, allowedTransitions: ["CANCELLED"], canReleaseCreditHold: false })).toEqual([
      { kind: "move", to: "CANCELLED" },
    ]);
  });

  it("offers nothing the server does not allow", () => {
    expect(actionsOf({ ...order, allowedTransitions: [], canReleaseCreditHold: false })).toEqual([]);
  });
});

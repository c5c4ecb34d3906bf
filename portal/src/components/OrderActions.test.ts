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

  it("shows Confirm held back while the hold is on and this viewer may release it", () => {
    expect(
      actionsOf({ ...order, creditHold: true, allowedTransitions: ["REJECTED"], canReleaseCreditHold: true }),
    ).toEqual([{ kind: "release" }, { kind: "held" }, { kind: "move", to: "REJECTED" }]);
    // A viewer who may not release it (the dealer) is shown no Confirm at all.
    expect(actionsOf({ ...order, creditHold: true, allowedTransitions: ["CANCELLED"], canReleaseCreditHold: false })).toEqual([
      { kind: "move", to: "CANCELLED" },
    ]);
    // Once the server offers the confirmation, it is an ordinary move.
    expect(
      actionsOf({ ...order, creditHold: false, allowedTransitions: ["CONFIRMED"], canReleaseCreditHold: false }),
    ).toEqual([{ kind: "move", to: "CONFIRMED" }]);
  });

  it("offers nothing the server does not allow", () => {
    expect(actionsOf({ ...order, allowedTransitions: [], canReleaseCreditHold: false })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { currentPrice, validOn } from "./price";

const tier2 = { tier: 2, amount: "930.00", validFrom: "2025-01-01", validTo: null, channel: null };
const tier2Old = { tier: 2, amount: "880.00", validFrom: "2024-01-01", validTo: "2025-01-01", channel: null };
const ecom = { tier: 2, amount: "1040.00", validFrom: "2025-06-01", validTo: null, channel: { name: "E-commerce" } };

describe("validOn", () => {
  it("includes the first day and excludes the end day", () => {
    expect(validOn(tier2Old, "2024-01-01")).toBe(true);
    expect(validOn(tier2Old, "2024-12-31")).toBe(true);
    expect(validOn(tier2Old, "2025-01-01")).toBe(false);
    expect(validOn(tier2, "2024-12-31")).toBe(false);
    expect(validOn(tier2, "2099-01-01")).toBe(true);
  });
});

describe("currentPrice", () => {
  it("takes the tier price valid today", () => {
    expect(currentPrice([tier2Old, tier2], "2025-03-01")).toBe(tier2);
    expect(currentPrice([tier2Old, tier2], "2024-06-01")).toBe(tier2Old);
  });

  it("prefers a channel price over the tier price", () => {
    expect(currentPrice([tier2, ecom], "2025-07-01")).toBe(ecom);
    expect(currentPrice([tier2, ecom], "2025-05-31")).toBe(tier2);
  });

  it("has no price when none is valid", () => {
    expect(currentPrice([tier2Old], "2026-01-01")).toBeNull();
    expect(currentPrice([], "2026-01-01")).toBeNull();
    expect(currentPrice(null, "2026-01-01")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { addDays, defaultPeriod, isDate, isNegative, periodFrom } from "./period";

describe("statement period", () => {
  it("defaults to the last 90 days up to today, both included", () => {
    expect(defaultPeriod("2026-03-31")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
  });
  it("counts calendar days across months, leap days and years", () => {
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
  it("takes an asked-for period when it is valid", () => {
    expect(periodFrom({ from: "2026-01-10", to: "2026-02-10" }, "2026-03-31")).toEqual({ from: "2026-01-10", to: "2026-02-10" });
    expect(periodFrom({ from: "2026-02-10", to: "2026-01-10" }, "2026-03-31")).toEqual(defaultPeriod("2026-03-31"));
    expect(periodFrom({ from: "2026-02-30", to: null }, "2026-03-31")).toEqual(defaultPeriod("2026-03-31"));
    expect(periodFrom({ to: "2026-03-31" }, "2026-04-30")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(periodFrom({ from: "2026-03-01" }, "2026-03-31")).toEqual({ from: "2026-03-01", to: "2026-03-31" });
  });
  it("validates dates", () => {
    expect(isDate("2026-02-28")).toBe(true);
    expect(isDate("2026-02-29")).toBe(false);
    expect(isDate("2026-2-1")).toBe(false);
    expect(isDate(null)).toBe(false);
  });
  it("tells a credit balance without floats", () => {
    expect(isNegative("-0.01")).toBe(true);
    expect(isNegative("-0.00")).toBe(false);
    expect(isNegative("12.00")).toBe(false);
  });
});

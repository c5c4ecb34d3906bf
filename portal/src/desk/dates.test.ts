import { describe, expect, it } from "vitest";
import { nextDay, startOfDay } from "./dates";

describe("business dates", () => {
  it("begins a day at midnight in the business time zone", () => {
    expect(startOfDay("2026-12-07", "Asia/Shanghai")).toBe("2026-12-06T16:00:00.000Z");
    expect(startOfDay("2026-12-07", "UTC")).toBe("2026-12-07T00:00:00.000Z");
    // Summer time in New York: four hours behind.
    expect(startOfDay("2026-07-01", "America/New_York")).toBe("2026-07-01T04:00:00.000Z");
    expect(startOfDay("07/12/2026", "UTC")).toBeNull();
  });

  it("steps to the next day across months and years", () => {
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });
});

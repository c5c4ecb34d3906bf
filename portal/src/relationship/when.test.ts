import { describe, expect, it } from "vitest";
import { dateAfter, localDateTimeValue, timeOfLocalValue } from "./when";

describe("form times", () => {
  it("shows a time in local time to the minute, and reads it back", () => {
    const d = new Date(2026, 11, 6, 9, 5, 42);
    expect(localDateTimeValue(d)).toBe("2026-12-06T09:05");
    expect(timeOfLocalValue("2026-12-06T09:05")).toBe(new Date(2026, 11, 6, 9, 5).toISOString());
  });

  it("refuses what is not a time", () => {
    expect(timeOfLocalValue("")).toBeNull();
    expect(timeOfLocalValue("yesterday")).toBeNull();
    expect(timeOfLocalValue("2026-13-45T99:99")).toBeNull();
  });

  it("counts dates across month and year ends", () => {
    expect(dateAfter(new Date(2026, 11, 29, 23, 30), 7)).toBe("2027-01-05");
    expect(dateAfter(new Date(2026, 1, 27), 1)).toBe("2026-02-28");
  });
});

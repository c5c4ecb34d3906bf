import { describe, expect, it } from "vitest";
import { formatDay } from "./day";

describe("formatDay", () => {
  it("writes a business date in the reader's language without moving it", () => {
    expect(formatDay("2026-03-05", "en")).toBe("Mar 5, 2026");
    expect(formatDay("2026-03-05", "zh")).toBe("2026年3月5日");
    expect(formatDay("2026-12-31", "en")).toBe("Dec 31, 2026");
  });
  it("keeps what is not a date as it is", () => {
    expect(formatDay("", "en")).toBe("");
    expect(formatDay(null, "en")).toBe("");
    expect(formatDay("soon", "en")).toBe("soon");
  });
});

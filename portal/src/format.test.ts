import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange, formatMoney } from "./format";

describe("formatMoney", () => {
  it.each([
    ["1234.50", "en", "1,234.50"],
    ["1234567.05", "zh", "1,234,567.05"],
    ["0.00", "en", "0.00"],
    ["-0.50", "en", "-0.50"],
    ["-98765.43", "en", "-98,765.43"],
    ["900719925474099312.34", "en", "900,719,925,474,099,312.34"], // beyond a float, exact
    ["100", "en", "100"],
    ["not money", "en", "not money"],
  ])("%s in %s is %s", (amount, locale, want) => {
    expect(formatMoney(amount, locale)).toBe(want);
  });
});

describe("formatDate", () => {
  it.each([
    ["2026-12-07", "en", "Dec 7, 2026"],
    ["2026-12-07", "zh", "2026年12月7日"],
    ["2026-01-01", "en", "Jan 1, 2026"], // no time zone moves it to the year before
    ["2026-12-31", "zh", "2026年12月31日"],
    ["2026-02-30", "en", "2026-02-30"], // not a day: as given
    ["soon", "zh", "soon"],
  ])("%s in %s is %s", (date, locale, want) => {
    expect(formatDate(date, locale)).toBe(want);
  });
});

describe("formatDateRange", () => {
  it("writes both ends in the locale", () => {
    expect(formatDateRange("2026-12-01", "2026-12-31", "en")).toBe("Dec 1, 2026 – Dec 31, 2026");
    expect(formatDateRange("2026-12-01", "2026-12-31", "zh")).toBe("2026年12月1日 – 2026年12月31日");
  });
});

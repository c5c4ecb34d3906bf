import { describe, expect, it } from "vitest";
import { formatMoney } from "./format";

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

import { describe, expect, it } from "vitest";
import { basisPoints, percent } from "./format";

describe("percent", () => {
  it("writes basis points as a percentage", () => {
    expect(percent(1500, "en")).toBe("15 %");
    expect(percent(1250, "en")).toBe("12.5 %");
    expect(percent(1, "zh")).toBe("0.01%");
  });
});

describe("basisPoints", () => {
  it("reads a percentage typed in a form", () => {
    expect(basisPoints("15")).toBe(1500);
    expect(basisPoints("12.5")).toBe(1250);
    expect(basisPoints("0,01")).toBe(1);
    expect(basisPoints("abc")).toBeNull();
    expect(basisPoints("1.234")).toBeNull();
  });
});

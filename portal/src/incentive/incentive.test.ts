import { describe, expect, it } from "vitest";
import {
  barPercent,
  chartAmount,
  fieldPath,
  formatCompletion,
  formatRate,
  ladderSteps,
  nextPeriod,
  percentToBasisPoints,
  periodOf,
  programPeriods,
} from "./incentive";

describe("formatRate", () => {
  it("shows basis points as a percentage", () => {
    expect(formatRate(250, "en")).toBe("2.5%");
    expect(formatRate(100, "en")).toBe("1%");
    expect(formatRate(1, "en")).toBe("0.01%");
    expect(formatRate(0, "zh-CN")).toBe("0%");
  });
});

describe("barPercent and formatCompletion", () => {
  it("clamps to the bar and keeps no quota apart", () => {
    expect(barPercent(0.875)).toBe(87.5);
    expect(barPercent(1.4)).toBe(100);
    expect(barPercent(null)).toBe(0);
    expect(barPercent(-1)).toBe(0);
    expect(formatCompletion(1.4, "en")).toBe("140%");
    expect(formatCompletion(null, "en")).toBeNull();
  });
});

describe("chartAmount", () => {
  it("reads Money for drawing", () => {
    expect(chartAmount("1234.50")).toBe(1234.5);
    expect(chartAmount(null)).toBe(0);
    expect(chartAmount("x")).toBe(0);
  });
});

describe("ladderSteps", () => {
  const tiers = [
    { threshold: "0.00", rateBasisPoints: 100 },
    { threshold: "100000.00", rateBasisPoints: 250 },
  ];
  it("steps at each threshold and reaches past the projection", () => {
    expect(ladderSteps(tiers, "40000.00", "230000.00")).toEqual([
      { amount: 0, rate: 1 },
      { amount: 100000, rate: 2.5 },
      { amount: 264500, rate: 2.5 },
    ]);
  });
  it("starts at 0 % below a first threshold above 0", () => {
    const steps = ladderSteps([{ threshold: "5000.00", rateBasisPoints: 300 }], "0.00", "0.00");
    expect(steps[0]).toEqual({ amount: 0, rate: 0 });
    expect(steps[1]).toEqual({ amount: 5000, rate: 3 });
    expect(steps[2].amount).toBeCloseTo(5750);
  });
});

describe("periods", () => {
  it("finds the period of a date", () => {
    expect(periodOf("MONTH", "2026-07-14")).toBe("2026-07");
    expect(periodOf("QUARTER", "2026-07-14")).toBe("2026-Q3");
    expect(periodOf("QUARTER", "2026-12-31")).toBe("2026-Q4");
    expect(periodOf("YEAR", "2026-01-01")).toBe("2026");
  });
  it("steps to the next period across years", () => {
    expect(nextPeriod("2026-12")).toBe("2027-01");
    expect(nextPeriod("2026-Q4")).toBe("2027-Q1");
    expect(nextPeriod("2026-09")).toBe("2026-10");
    expect(nextPeriod("2026")).toBe("2027");
    expect(nextPeriod("junk")).toBe("junk");
  });
  it("lists a program's periods up to today's, newest first", () => {
    expect(programPeriods("2026-Q2", null, "QUARTER", "2026-12-06")).toEqual(["2026-Q4", "2026-Q3", "2026-Q2"]);
    expect(programPeriods("2026-10", "2026-11", "MONTH", "2027-02-01")).toEqual(["2026-11", "2026-10"]);
    expect(programPeriods("2027-01", null, "MONTH", "2026-12-06")).toEqual([]);
    expect(programPeriods("2020-01", null, "MONTH", "2026-12-06", 3)).toEqual(["2026-12", "2026-11", "2026-10"]);
  });
});

describe("percentToBasisPoints", () => {
  it("reads a typed percentage exactly", () => {
    expect(percentToBasisPoints("2.5")).toBe(250);
    expect(percentToBasisPoints("2,55")).toBe(255);
    expect(percentToBasisPoints("10")).toBe(1000);
    expect(percentToBasisPoints("0.01 %")).toBe(1);
    expect(percentToBasisPoints("100")).toBe(10000);
    expect(percentToBasisPoints("1.234")).toBeNull();
    expect(percentToBasisPoints("")).toBeNull();
    expect(percentToBasisPoints("-1")).toBeNull();
  });
});

describe("fieldPath", () => {
  it("names a tier's field and the audience", () => {
    expect(fieldPath("tiers[1].threshold")).toEqual({ root: "tiers", index: 1, leaf: "threshold" });
    expect(fieldPath("input.tiers[0].rateBasisPoints")).toEqual({ root: "tiers", index: 0, leaf: "rateBasisPoints" });
    expect(fieldPath("tiers")).toEqual({ root: "tiers" });
    expect(fieldPath("audience.channelIDs[0]")).toEqual({ root: "audience", leaf: "channelIDs" });
    expect(fieldPath("firstPeriod")).toEqual({ root: "firstPeriod" });
  });
});

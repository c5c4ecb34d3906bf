import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { evidenceText, groupByChannel, mergeLive, openPerRule, scorecardLink, stepOf, subjectText, thresholdIndexOf, trendLink, type Signal } from "./signals";

const retail = { id: "c1", code: "RETAIL", name: "Retail", nameZh: "零售" };
const key = { id: "c2", code: "KEY", name: "Key accounts", nameZh: "大客户" };

function signal(over: Partial<Signal> & { id: string }): Signal {
  return {
    rule: 3,
    period: "2026-11",
    status: "OPEN",
    subjectKind: "DEALER",
    raisedAt: "2026-12-01T08:00:00Z",
    resolvedAt: null,
    resolvedByName: "",
    withdrawnAt: null,
    withdrawnReason: null,
    resolutionNote: null,
    evidence: { kpi: "DISTRIBUTION_RATE", previous: null, current: 0.35, threshold: 0.4 },
    dealer: { id: "d1", code: "D-SOUTH", name: "South Traders", channel: retail },
    channel: null,
    territory: null,
    ...over,
  };
}

describe("evidence wording", () => {
  const t = i18n.getFixedT("en");
  const zh = i18n.getFixedT("zh");

  it("words each rule from its measure, previous, current and threshold", () => {
    expect(evidenceText(t, 1, { kpi: "MARKET_SHARE", previous: 0.3, current: 0.275, threshold: 0.02 })).toBe("share 0.300 → 0.275 (drop ≥ 0.02)");
    expect(evidenceText(t, 3, { kpi: "DISTRIBUTION_RATE", previous: null, current: 0.35, threshold: 0.4 })).toBe("distribution 0.35 < 0.40");
    expect(evidenceText(t, 5, { kpi: "PAYMENT_PERIOD_DAYS", previous: null, current: 52, threshold: 45 })).toBe("payment period 52.0 days > 45 days");
    expect(evidenceText(t, 2, { kpi: "QUOTA_COMPLETION", previous: 0.85, current: 0.8, threshold: 0.92 })).toBe("completion 92 % → 85 % → 80 %");
    expect(evidenceText(t, 7, { kpi: "PRICE_GAP", previous: null, current: 0.125, threshold: 0.1 })).toBe("reported 12.5 % under the list price (≥ 10 %)");
    expect(evidenceText(t, 10, { kpi: "SATISFACTION", previous: 4.5, current: 3.9, threshold: 0.5 })).toBe("CSAT 4.50 → 3.90 (drop ≥ 0.5)");
  });

  it("says when a conflict signal fired on a HIGH case", () => {
    expect(evidenceText(t, 9, { kpi: "OPEN_CONFLICT_CASES", previous: null, current: 1, threshold: 1 })).toBe("1 open conflict cases, one of them HIGH");
    expect(evidenceText(t, 9, { kpi: "OPEN_CONFLICT_CASES", previous: null, current: 4, threshold: 3 })).toBe("4 open conflict cases (≥ 3)");
  });

  it("words the evidence in Chinese too", () => {
    expect(evidenceText(zh, 3, { kpi: "DISTRIBUTION_RATE", previous: null, current: 0.3, threshold: 0.4 })).toBe("铺货率 0.30 < 0.40");
  });
});

describe("grouping by channel", () => {
  it("puts a dealer's signal under its dealer's channel, channels by name, territories last", () => {
    const groups = groupByChannel(
      [
        signal({ id: "1", raisedAt: "2026-12-01T08:00:00Z" }),
        signal({ id: "2", rule: 1, subjectKind: "TERRITORY", dealer: null, territory: { id: "t1", code: "EC-YRD", name: "Yangtze River Delta", nameZh: "长三角" } }),
        signal({ id: "3", subjectKind: "CHANNEL", dealer: null, channel: key }),
        signal({ id: "4", status: "WITHDRAWN", raisedAt: "2026-12-03T08:00:00Z" }),
        signal({ id: "5", raisedAt: "2026-12-02T08:00:00Z" }),
      ],
      "Territories",
    );
    expect(groups.map((g) => g.name)).toEqual(["Key accounts", "Retail", "Territories"]);
    // Open first, the newest raised first; then the others.
    expect(groups[1].signals.map((s) => s.id)).toEqual(["5", "1", "4"]);
  });

  it("names the channels in Chinese when read in Chinese", () => {
    const groups = groupByChannel([signal({ id: "1" }), signal({ id: "3", subjectKind: "CHANNEL", dealer: null, channel: key })], "区域", "zh");
    expect(groups.map((g) => g.name).sort()).toEqual(["大客户", "零售"]);
    expect(subjectText(signal({ id: "2", subjectKind: "TERRITORY", dealer: null, territory: { id: "t1", code: "EC-YRD", name: "Yangtze River Delta", nameZh: "长三角" } }), "zh")).toBe("长三角 (EC-YRD)");
  });
});

describe("live merging", () => {
  it("adds a raised signal and moves a withdrawn one out of the Open list", () => {
    const listed = [signal({ id: "1" }), signal({ id: "2" })];
    const heard = [signal({ id: "3", raisedAt: "2026-12-05T08:00:00Z" }), signal({ id: "2", status: "WITHDRAWN", withdrawnReason: "a later survey" })];
    const { shown, moved } = mergeLive(listed, heard, "OPEN");
    expect(shown.map((s) => s.id)).toEqual(["3", "1"]);
    expect(moved.map((s) => [s.id, s.withdrawnReason])).toEqual([["2", "a later survey"]]);
    expect(mergeLive(listed, heard, null).moved).toEqual([]);
  });

  it("counts open signals per rule, every rule", () => {
    const n = openPerRule({ r3: { totalCount: 2 }, r9: { totalCount: 1 } });
    expect(n).toHaveLength(10);
    expect(n.find((x) => x.rule === 3)?.count).toBe(2);
    expect(n.find((x) => x.rule === 1)?.count).toBe(0);
  });
});

describe("links and fields", () => {
  it("links the scorecard and trend of the subject, period and measure", () => {
    const s = signal({ id: "1" });
    expect(scorecardLink(s)).toBe("/scorecards?dealer=d1&period=2026-11&kpi=DISTRIBUTION_RATE");
    expect(trendLink(s)).toBe("/trends?dealer=d1&kpi=DISTRIBUTION_RATE&by=MONTH");
    const q = signal({ id: "2", rule: 8, period: "2026-Q3", subjectKind: "CHANNEL", dealer: null, channel: key, evidence: { kpi: "NET_SALES_GROWTH", previous: 0.01, current: 0.4, threshold: 0.3 } });
    expect(trendLink(q)).toBe("/trends?channel=c2&kpi=NET_SALES&by=QUARTER");
    const c = signal({ id: "3", rule: 9, evidence: { kpi: "OPEN_CONFLICT_CASES", previous: null, current: 3, threshold: 3 } });
    expect(scorecardLink(c)).toBe("/scorecards?dealer=d1&period=2026-11");
  });

  it("reads which threshold an INVALID_INPUT names, and the step of a unit", () => {
    expect(thresholdIndexOf("input.thresholds[1].value")).toBe(1);
    expect(thresholdIndexOf("thresholds")).toBe(-1);
    expect(thresholdIndexOf("enabled")).toBeNull();
    expect(stepOf("RATIO")).toBe("0.0001");
    expect(stepOf("POINTS")).toBe("0.01");
    expect(stepOf("DAYS")).toBe("1");
  });
});

import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import type { ScorecardFieldsFragment } from "../gql/graphql";
import { buildPeriod, csvBlob, fieldOf, fileSafe, kindOf, kpisOf, marks, noDataReason, periodOf, trendEnding, trendUpTo, KPIS } from "./appraisal";
import { formulaText, kpiValue } from "./kpiText";

describe("periods", () => {
  it("builds the API's period strings from a choice", () => {
    expect(buildPeriod("YEAR", 2026, 1)).toBe("2026");
    expect(buildPeriod("QUARTER", 2026, 3)).toBe("2026-Q3");
    expect(buildPeriod("MONTH", 2026, 7)).toBe("2026-07");
    expect(periodOf("QUARTER", "2026-12-31")).toBe("2026-Q4");
    expect(kindOf("2026-13")).toBeNull();
  });

  it("reaches back over a year end for a trend", () => {
    expect(trendEnding("2026-03", 12)).toEqual({ from: "2025-04", to: "2026-03" });
    expect(trendEnding("2026-Q2", 8)).toEqual({ from: "2024-Q3", to: "2026-Q2" });
    expect(trendUpTo("2026")).toEqual({ from: "2022", to: "2026" });
    expect(trendUpTo("2026-12")).toEqual({ from: "2026-01", to: "2026-12" });
  });
});

describe("KPIs", () => {
  it("names each KPI's scorecard field", () => {
    expect(fieldOf("NET_SALES")).toBe("netSales");
    expect(fieldOf("DELIVERY_TIME_P90_DAYS")).toBe("deliveryTimeP90Days");
    expect(fieldOf("SERVICE_RESPONSE_MEDIAN_HOURS")).toBe("serviceResponseMedianHours");
  });

  it("gives market share to territories only", () => {
    expect(kpisOf("territory")).toContain("MARKET_SHARE");
    expect(kpisOf("dealer")).not.toContain("MARKET_SHARE");
    expect(KPIS).toHaveLength(17);
  });

  it("says why a KPI has no value from which part is missing", () => {
    expect(noDataReason({ kpi: "QUOTA_COMPLETION", numerator: 500, denominator: 0, value: null })).toBe("noQuota");
    expect(noDataReason({ kpi: "CHANNEL_COST_RATIO", numerator: null, denominator: 100, value: null })).toBe("noCosts");
    expect(noDataReason({ kpi: "CHANNEL_COST_RATIO", numerator: 20, denominator: 0, value: null })).toBe("noSales");
    expect(noDataReason({ kpi: "DAYS_OF_INVENTORY", numerator: 300, denominator: 0, value: null })).toBe("noCost");
    expect(noDataReason({ kpi: "DAYS_OF_INVENTORY", numerator: null, denominator: 10, value: null })).toBe("noReports");
  });
});

describe("best and worst", () => {
  it("marks rank 1 best and the highest rank worst; unranked nothing", () => {
    expect(marks([2, 1, null, 3])).toEqual([null, "best", null, "worst"]);
    expect(marks([1, null])).toEqual([null, null]);
    expect(marks([1, 1])).toEqual([null, null]);
  });
});

describe("CSV files", () => {
  it("keep the API's byte order mark as the file's first bytes, once", async () => {
    for (const csv of ["\uFEFFchannel,net sales\n零售,1.00\n", "channel\n"]) {
      const bytes = new Uint8Array(await csvBlob(csv).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect([...bytes.slice(3, 6)]).not.toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it("names files safely", () => {
    expect(fileSafe("RETAIL")).toBe("RETAIL");
    expect(fileSafe("a/b c")).toBe("a-b-c");
    expect(fileSafe("")).toBe("all");
  });
});

const card = (over: Partial<ScorecardFieldsFragment>): ScorecardFieldsFragment => ({
  period: "2026-07",
  netSales: "1200.00",
  quota: "1500.00",
  costOfGoodsSold: "800.00",
  overdueAmount: "0.00",
  quotaCompletion: 0.8,
  distributionRate: null,
  deliveryTimeMeanDays: null,
  deliveryTimeP90Days: null,
  averageInventory: null,
  daysOfInventory: null,
  paymentPeriodDays: null,
  outOfStockRate: null,
  grossMargin: null,
  serviceResponseMedianHours: null,
  satisfaction: null,
  channelCostRatio: null,
  marketShare: null,
  explain: [
    { kpi: "QUOTA_COMPLETION", numerator: 1200, denominator: 1500, value: 0.8 },
    { kpi: "DISTRIBUTION_RATE", numerator: null, denominator: null, value: null },
  ],
  ...over,
});

describe("formulas in words", () => {
  it("words the API's numbers in the reader's language", async () => {
    await i18n.changeLanguage("en");
    const t = i18n.t.bind(i18n);
    expect(formulaText(t, card({}), "QUOTA_COMPLETION", "en")).toBe("Net sales 1,200.00 ÷ quota 1,500.00 = 80%");
    expect(formulaText(t, card({}), "DISTRIBUTION_RATE", "en")).toBe("No data: no distribution survey in this period.");
    expect(kpiValue(card({ netSales: "1234567.89" }), "NET_SALES", "en")).toBe("1,234,567.89");
    await i18n.changeLanguage("zh");
    expect(formulaText(i18n.t.bind(i18n), card({}), "QUOTA_COMPLETION", "zh-CN")).toBe("净销售额 1,200.00 ÷ 配额 1,500.00 = 80%");
    await i18n.changeLanguage("en");
  });

  it("shows a null KPI as no data, and a zero as zero", () => {
    expect(kpiValue(card({ quotaCompletion: null }), "QUOTA_COMPLETION", "en")).toBeNull();
    expect(kpiValue(card({ overdueAmount: "0.00" }), "OVERDUE_AMOUNT", "en")).toBe("0.00");
  });
});

describe("channel costs", () => {
  it("tells costs not shown to the viewer from costs not recorded", () => {
    expect(noDataReason({ kpi: "CHANNEL_COST_RATIO", numerator: null, denominator: null, value: null })).toBe("costsHidden");
  });
});

describe("a pooled average inventory", () => {
  it("is worded as the dealers' averages added up when the API gives no denominator", async () => {
    await i18n.changeLanguage("en");
    const c = card({ averageInventory: 2500.5, explain: [{ kpi: "AVERAGE_INVENTORY", numerator: 2500.5, denominator: null, value: 2500.5 }] });
    expect(formulaText(i18n.t.bind(i18n), c, "AVERAGE_INVENTORY", "en")).toBe("Average inventory: the dealers' figures added up = 2,500.50");
  });
});

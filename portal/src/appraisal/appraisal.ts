// Presenting the KPIs the API has computed: how each is shown, why one is
// null, the formula behind it in words, and the calendar periods to pick.
// No KPI is computed here: every number comes from the API.

export type Kpi =
  | "NET_SALES"
  | "QUOTA"
  | "COST_OF_GOODS_SOLD"
  | "OVERDUE_AMOUNT"
  | "QUOTA_COMPLETION"
  | "DISTRIBUTION_RATE"
  | "DELIVERY_TIME_MEAN_DAYS"
  | "DELIVERY_TIME_P90_DAYS"
  | "AVERAGE_INVENTORY"
  | "DAYS_OF_INVENTORY"
  | "PAYMENT_PERIOD_DAYS"
  | "OUT_OF_STOCK_RATE"
  | "GROSS_MARGIN"
  | "SERVICE_RESPONSE_MEDIAN_HOURS"
  | "SATISFACTION"
  | "CHANNEL_COST_RATIO"
  | "MARKET_SHARE";

/** Every KPI in the API's order; MARKET_SHARE is a territory's only. */
export const KPIS: Kpi[] = [
  "NET_SALES",
  "QUOTA",
  "COST_OF_GOODS_SOLD",
  "OVERDUE_AMOUNT",
  "QUOTA_COMPLETION",
  "DISTRIBUTION_RATE",
  "DELIVERY_TIME_MEAN_DAYS",
  "DELIVERY_TIME_P90_DAYS",
  "AVERAGE_INVENTORY",
  "DAYS_OF_INVENTORY",
  "PAYMENT_PERIOD_DAYS",
  "OUT_OF_STOCK_RATE",
  "GROSS_MARGIN",
  "SERVICE_RESPONSE_MEDIAN_HOURS",
  "SATISFACTION",
  "CHANNEL_COST_RATIO",
  "MARKET_SHARE",
];

/** The KPIs of a subject: a market share belongs to a territory only. */
export function kpisOf(subject: SubjectKind): Kpi[] {
  return subject === "territory" ? KPIS : KPIS.filter((k) => k !== "MARKET_SHARE");
}

type Unit = "money" | "currency" | "ratio" | "days" | "hours" | "score";

const UNIT: Record<Kpi, Unit> = {
  NET_SALES: "money",
  QUOTA: "money",
  COST_OF_GOODS_SOLD: "money",
  OVERDUE_AMOUNT: "money",
  QUOTA_COMPLETION: "ratio",
  DISTRIBUTION_RATE: "ratio",
  DELIVERY_TIME_MEAN_DAYS: "days",
  DELIVERY_TIME_P90_DAYS: "days",
  AVERAGE_INVENTORY: "currency",
  DAYS_OF_INVENTORY: "days",
  PAYMENT_PERIOD_DAYS: "days",
  OUT_OF_STOCK_RATE: "ratio",
  GROSS_MARGIN: "ratio",
  SERVICE_RESPONSE_MEDIAN_HOURS: "hours",
  SATISFACTION: "score",
  CHANNEL_COST_RATIO: "ratio",
  MARKET_SHARE: "ratio",
};

/** Whether a KPI is an amount of money (exact Money strings on the scorecard). */
export const isMoney = (k: Kpi) => UNIT[k] === "money";

/** Whether a KPI is a fraction 0–1, shown as a percentage. */
export const isRatio = (k: Kpi) => UNIT[k] === "ratio";

/** The scorecard field of a KPI: NET_SALES → netSales. */
export function fieldOf(k: Kpi): string {
  return k.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A KPI's value to read, in the locale: percent, days, hours, a score or an amount. */
export function formatKpi(k: Kpi, value: number, locale: string): string {
  switch (UNIT[k]) {
    case "ratio":
      return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
    case "days":
    case "hours":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case "score":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
    default:
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  }
}

// KPIs whose numerator, or denominator, is an amount of money (days of
// inventory: average inventory ÷ daily cost of goods sold; average
// inventory: the reports' valued stock ÷ how many reports).
const AMOUNT_NUMERATOR = new Set<Kpi>(["QUOTA_COMPLETION", "GROSS_MARGIN", "CHANNEL_COST_RATIO", "AVERAGE_INVENTORY", "DAYS_OF_INVENTORY"]);
const AMOUNT_DENOMINATOR = new Set<Kpi>(["QUOTA_COMPLETION", "GROSS_MARGIN", "CHANNEL_COST_RATIO", "DAYS_OF_INVENTORY"]);

/** A numerator or denominator as the formula shows it: amounts with cents, counts, days and hours as they are. */
export function formatPart(k: Kpi, part: "numerator" | "denominator", value: number, locale: string): string {
  const amounts = part === "numerator" ? AMOUNT_NUMERATOR : AMOUNT_DENOMINATOR;
  if (UNIT[k] === "money" || amounts.has(k)) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export type Explanation = { kpi: Kpi; numerator?: number | null; denominator?: number | null; value?: number | null };

const given = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);

/**
 * Why a KPI has no value, as the key of the reason under appraisal.noData:
 * what is missing follows from which of its parts the API could not give.
 */
export function noDataReason(e: Explanation): string {
  const zeroDen = !given(e.denominator) || e.denominator === 0;
  switch (e.kpi) {
    case "QUOTA_COMPLETION":
      return "noQuota";
    case "DISTRIBUTION_RATE":
      return given(e.denominator) && e.denominator === 0 ? "noOutlets" : "noSurvey";
    case "DELIVERY_TIME_MEAN_DAYS":
    case "DELIVERY_TIME_P90_DAYS":
      return "noDelivery";
    case "AVERAGE_INVENTORY":
    case "OUT_OF_STOCK_RATE":
      return "noReports";
    case "DAYS_OF_INVENTORY":
      return !given(e.numerator) ? "noReports" : "noCost";
    case "PAYMENT_PERIOD_DAYS":
      return "noPaidInvoice";
    case "GROSS_MARGIN":
      return "noSales";
    case "SERVICE_RESPONSE_MEDIAN_HOURS":
      return "noAnswer";
    case "SATISFACTION":
      return "noScores";
    case "CHANNEL_COST_RATIO":
      // Neither part: channel costs are not the viewer's to read (dealer users).
      if (!given(e.numerator) && !given(e.denominator)) return "costsHidden";
      return !given(e.numerator) ? "noCosts" : zeroDen ? "noSales" : "noCosts";
    case "MARKET_SHARE":
      return "noShare";
    default:
      return "none";
  }
}

/** How a KPI's formula is worded: a ratio, a mean, a pick from a sorted list, or an amount. */
export function formulaKind(k: Kpi): "amount" | "ratio" | "pick" {
  if (UNIT[k] === "money") return "amount";
  if (k === "DELIVERY_TIME_P90_DAYS" || k === "SERVICE_RESPONSE_MEDIAN_HOURS") return "pick";
  return "ratio";
}

export type SubjectKind = "dealer" | "channel" | "territory";
export type PeriodKind = "MONTH" | "QUARTER" | "YEAR";

/** The calendar period of a kind that a business date ("2026-07-14") falls in. */
export function periodOf(kind: PeriodKind, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === "YEAR") return year;
  if (kind === "QUARTER") return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The kind of a period string, or null when it is none. */
export function kindOf(p: string): PeriodKind | null {
  if (/^\d{4}$/.test(p)) return "YEAR";
  if (/^\d{4}-Q[1-4]$/.test(p)) return "QUARTER";
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return "MONTH";
  return null;
}

/** A period built from a choice: the year, and the month (1–12) or quarter (1–4) for those kinds. */
export function buildPeriod(kind: PeriodKind, year: number, n: number): string {
  if (kind === "YEAR") return String(year);
  if (kind === "QUARTER") return `${year}-Q${n}`;
  return `${year}-${String(n).padStart(2, "0")}`;
}

/** The parts of a period string: its kind, year and month or quarter (1 for a year). */
export function splitPeriod(p: string): { kind: PeriodKind; year: number; n: number } | null {
  const kind = kindOf(p);
  if (!kind) return null;
  const year = Number(p.slice(0, 4));
  if (kind === "YEAR") return { kind, year, n: 1 };
  if (kind === "QUARTER") return { kind, year, n: Number(p.slice(6)) };
  return { kind, year, n: Number(p.slice(5)) };
}

/**
 * The range of a trend of `count` periods ending with `to`, of its kind
 * (months, quarters or years), as the from and to the API takes.
 */
export function trendEnding(to: string, count: number): { from: string; to: string } {
  const end = splitPeriod(to);
  if (!end || count < 1) return { from: "", to: "" };
  const per = end.kind === "MONTH" ? 12 : end.kind === "QUARTER" ? 4 : 1;
  const index = end.year * per + (end.n - 1) - (count - 1);
  return { from: buildPeriod(end.kind, Math.floor(index / per), (index % per) + 1), to };
}

/**
 * The file a CSV string from the API is saved as. The string starts with a
 * byte order mark so spreadsheet programs read Chinese right; encoding it
 * here keeps it as the file's first three bytes (and adds it, once, if absent).
 */
export function csvBlob(csv: string): Blob {
  const text = csv.startsWith("\uFEFF") ? csv : "\uFEFF" + csv;
  return new Blob([new TextEncoder().encode(text)], { type: "text/csv;charset=utf-8" });
}

/** Saves a CSV string as a file with the given name. */
export function downloadCSV(csv: string, name: string) {
  const url = URL.createObjectURL(csvBlob(csv));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** A name for a file: letters, digits and dashes only. */
export function fileSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "all";
}

export type Rank = { kpi: Kpi; rank?: number | null };

/**
 * Best and worst of a KPI among ranked channels, from the API's ranks: rank
 * 1 is the best, the highest rank the worst (none when fewer than two ranked).
 */
export function marks(ranks: (number | null | undefined)[]): ("best" | "worst" | null)[] {
  const ranked = ranks.filter(given);
  if (ranked.length < 2) return ranks.map(() => null);
  const worst = Math.max(...ranked);
  const best = Math.min(...ranked);
  if (best === worst) return ranks.map(() => null);
  return ranks.map((r) => (r === best ? "best" : r === worst ? "worst" : null));
}

// How far back a trend reaches by default: a year of months, two years of quarters, five years.
const TREND_COUNT: Record<PeriodKind, number> = { MONTH: 12, QUARTER: 8, YEAR: 5 };

/** The default trend up to a period: the periods of its kind before it and itself. */
export function trendUpTo(period: string): { from: string; to: string } {
  const kind = kindOf(period);
  return kind ? trendEnding(period, TREND_COUNT[kind]) : { from: "", to: "" };
}

// Presenting incentives the API has computed: percentages of basis points,
// a progress bar's width, the tier ladder as chart rows, and calendar periods
// to choose from. No rule of a program is decided here.

/** Basis points as a percentage in the locale: 250 → "2.5%". */
export function formatRate(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(basisPoints / 10000);
}

/** A completion ratio from the API (1 = reached) as a bar width, 0–100; null (no quota) is 0. */
export function barPercent(completion: number | null | undefined): number {
  if (completion === null || completion === undefined || !Number.isFinite(completion) || completion <= 0) return 0;
  return Math.min(100, Math.round(completion * 1000) / 10);
}

/** A completion ratio as a percentage to read ("87.5%"); null when there is no quota. */
export function formatCompletion(completion: number | null | undefined, locale: string): string | null {
  if (completion === null || completion === undefined || !Number.isFinite(completion)) return null;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(completion);
}

/** A Money string as a number, for drawing only (never for arithmetic shown as money). */
export function chartAmount(amount: string | null | undefined): number {
  const n = Number(amount ?? "0");
  return Number.isFinite(n) ? n : 0;
}

export type Tier = { threshold: string; rateBasisPoints: number };

export type LadderPoint = {
  /** A basis amount, for drawing. */
  amount: number;
  /** The rate (in percent) from this amount on. */
  rate: number;
};

/**
 * The ladder as a step line, rate against basis: a point at each threshold
 * and one at the far end, which reaches past the top threshold, the basis
 * and its projection so that all of them show. Below the first threshold
 * the rate is 0.
 */
export function ladderSteps(tiers: Tier[], basis: string, projected: string): LadderPoint[] {
  const points: LadderPoint[] = [];
  const first = tiers.length ? chartAmount(tiers[0].threshold) : 0;
  if (first > 0) points.push({ amount: 0, rate: 0 });
  for (const t of tiers) points.push({ amount: chartAmount(t.threshold), rate: t.rateBasisPoints / 100 });
  const far = Math.max(chartAmount(basis), chartAmount(projected), ...points.map((p) => p.amount));
  const end = far > 0 ? far * 1.15 : 1;
  points.push({ amount: end, rate: points.length ? points[points.length - 1].rate : 0 });
  return points;
}

export type PeriodKind = "MONTH" | "QUARTER" | "YEAR";

/** The calendar period of a kind that a business date ("2026-07-14") falls in: "2026-07", "2026-Q3" or "2026". */
export function periodOf(kind: PeriodKind, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === "YEAR") return year;
  if (kind === "QUARTER") return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, "0")}`;
}

type Parsed = { kind: PeriodKind; year: number; n: number };

function parse(p: string): Parsed | null {
  let m = /^(\d{4})$/.exec(p);
  if (m) return { kind: "YEAR", year: Number(m[1]), n: 1 };
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) return { kind: "QUARTER", year: Number(m[1]), n: Number(m[2]) };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return { kind: "MONTH", year: Number(m[1]), n: Number(m[2]) };
  return null;
}

function format(p: Parsed): string {
  if (p.kind === "YEAR") return String(p.year);
  if (p.kind === "QUARTER") return `${p.year}-Q${p.n}`;
  return `${p.year}-${String(p.n).padStart(2, "0")}`;
}

/** The period after p ("2026-Q4" → "2027-Q1"); p itself when it is not a period. */
export function nextPeriod(p: string): string {
  const x = parse(p);
  if (!x) return p;
  const per = x.kind === "YEAR" ? 1 : x.kind === "QUARTER" ? 4 : 12;
  if (x.kind === "YEAR") return format({ ...x, year: x.year + 1 });
  return x.n === per ? format({ ...x, year: x.year + 1, n: 1 }) : format({ ...x, n: x.n + 1 });
}

/** Whether a comes before b (both of one kind). */
function before(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return false;
  return x.year < y.year || (x.year === y.year && x.n < y.n);
}

/**
 * The periods of a program one may look at on a date, newest first: from
 * its first period up to the one running then (or its last, if earlier).
 * At most limit of them.
 */
export function programPeriods(first: string, last: string | null | undefined, kind: PeriodKind, today: string, limit = 24): string[] {
  if (!parse(first)) return [];
  let end = periodOf(kind, today);
  if (last && before(last, end)) end = last;
  const out: string[] = [];
  for (let p = first; !before(end, p) && out.length < 1000; p = nextPeriod(p)) out.push(p);
  return out.reverse().slice(0, limit);
}

/**
 * A percentage typed by a person ("2.5", "2,5", "10") as basis points (250),
 * exactly, without floating point; null when it is not a number with at most
 * two decimals.
 */
export function percentToBasisPoints(text: string): number | null {
  const m = /^\s*(\d{1,5})(?:[.,](\d{0,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** The place of a refused input field: "tiers[1].threshold" is { root: "tiers", index: 1, leaf: "threshold" }. */
export function fieldPath(field: string): { root: string; index?: number; leaf?: string } {
  const f = field.replace(/^input\./, "");
  const m = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(f);
  if (!m) return { root: f };
  return { root: m[1], ...(m[2] !== undefined ? { index: Number(m[2]) } : {}), ...(m[3] ? { leaf: m[3] } : {}) };
}

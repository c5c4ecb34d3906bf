// The words and order of the signals pages, as pure functions: a signal's
// evidence worded by its rule, signals grouped by channel, the links to the
// scorecard and trend a signal came from, and live events merged into a list.
import type { TFunction } from "i18next";
import type { SignalFieldsFragment, SignalStatus, ThresholdUnit } from "../gql/graphql";
import type { Kpi } from "../appraisal/appraisal";
import { localName } from "../i18n/localName";

export type Signal = SignalFieldsFragment;

export const RULES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const STATUSES: SignalStatus[] = ["OPEN", "WITHDRAWN", "RESOLVED"];

const fixed = (v: number, d: number) => v.toFixed(d);
const pct = (v: number) => `${trimNum(v * 100, 1)}`;

/** A number with at most d decimals, without trailing zeros. */
export function trimNum(v: number, d: number): string {
  return String(Number(v.toFixed(d)));
}

/**
 * The values of a signal's evidence as its rule's sentence takes them: ratios
 * to three decimals, completion and discounts as percentages, days to one
 * decimal, thresholds as the rule states them.
 */
export function evidenceValues(rule: number, e: Signal["evidence"]): Record<string, string> {
  const prev = e.previous;
  switch (rule) {
    case 1:
    case 4:
      return { previous: prev == null ? "–" : fixed(prev, 3), current: fixed(e.current, 3), threshold: trimNum(e.threshold, 4) };
    case 2:
      // Completion two months back (threshold), last month (previous), this month (current).
      return { before: pct(e.threshold), previous: prev == null ? "–" : pct(prev), current: pct(e.current), threshold: pct(e.threshold) };
    case 3:
      return { previous: prev == null ? "–" : fixed(prev, 2), current: fixed(e.current, 2), threshold: fixed(e.threshold, 2) };
    case 5:
    case 6:
      return { previous: prev == null ? "–" : fixed(prev, 1), current: fixed(e.current, 1), threshold: trimNum(e.threshold, 1) };
    case 7:
    case 8:
      return { previous: prev == null ? "–" : pct(prev), current: pct(e.current), threshold: pct(e.threshold) };
    case 9:
      return { previous: prev == null ? "–" : String(prev), current: String(e.current), threshold: String(e.threshold) };
    case 10:
      return { previous: prev == null ? "–" : fixed(prev, 2), current: fixed(e.current, 2), threshold: trimNum(e.threshold, 2) };
  }
  return { previous: prev == null ? "–" : String(prev), current: String(e.current), threshold: String(e.threshold) };
}

/** The evidence in the reader's language, e.g. "share 0.300 → 0.275 (drop ≥ 0.02)". */
export function evidenceText(t: TFunction, rule: number, e: Signal["evidence"]): string {
  const v = evidenceValues(rule, e);
  // Rule 9 fired on a HIGH case has 1 as its threshold.
  const key = rule === 9 && e.threshold === 1 ? "signals.evidence.9high" : `signals.evidence.${rule}`;
  return t([key, "signals.evidence.other"], { ...v, kpi: e.kpi });
}

export type Group = { key: string; name: string; signals: Signal[] };

/** The key of a territory's group: territories are not in a channel. */
export const TERRITORIES = "territories";

/** The channel a signal belongs to: its dealer's, or its own; null for a territory's. */
export function channelOf(s: Signal): { id: string; name: string; nameZh?: string | null } | null {
  return s.dealer?.channel ?? s.channel ?? null;
}

const statusOrder: Record<string, number> = { OPEN: 0, WITHDRAWN: 1, RESOLVED: 2 };

/** Open signals first, then the others; within a status the newest raised first. */
export function bySignalOrder(a: Signal, b: Signal): number {
  return (statusOrder[a.status] ?? 3) - (statusOrder[b.status] ?? 3) || (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0);
}

/**
 * Signals grouped by channel (a dealer's under its dealer's channel), the
 * channels by name, territories' signals in a group of their own, last.
 */
export function groupByChannel(signals: Signal[], territoriesName: string, locale = "en"): Group[] {
  const groups = new Map<string, Group>();
  for (const s of signals) {
    const ch = channelOf(s);
    const key = ch ? ch.id : TERRITORIES;
    let g = groups.get(key);
    if (!g) {
      g = { key, name: ch ? localName(ch, locale) : territoriesName, signals: [] };
      groups.set(key, g);
    }
    g.signals.push(s);
  }
  const out = [...groups.values()];
  for (const g of out) g.signals.sort(bySignalOrder);
  return out.sort((a, b) => (a.key === TERRITORIES ? 1 : 0) - (b.key === TERRITORIES ? 1 : 0) || a.name.localeCompare(b.name));
}

/** The scorecard KPI an evidence measure is read on; null when it is none. */
export function kpiOf(measure: string): Kpi | null {
  switch (measure) {
    case "MARKET_SHARE":
    case "QUOTA_COMPLETION":
    case "DISTRIBUTION_RATE":
    case "CHANNEL_COST_RATIO":
    case "PAYMENT_PERIOD_DAYS":
    case "DAYS_OF_INVENTORY":
    case "SATISFACTION":
      return measure;
    case "NET_SALES_GROWTH":
      return "NET_SALES";
  }
  return null;
}

/** The address parameters of a signal's subject, as the appraisal pages read them. */
function subjectParams(s: Signal): URLSearchParams {
  const p = new URLSearchParams();
  if (s.subjectKind === "DEALER" && s.dealer) p.set("dealer", s.dealer.id);
  else if (s.subjectKind === "CHANNEL" && s.channel) p.set("channel", s.channel.id);
  else if (s.subjectKind === "TERRITORY" && s.territory) p.set("territory", s.territory.id);
  return p;
}

/** The scorecard of the signal's subject and period, with its measure's trend chosen. */
export function scorecardLink(s: Signal): string {
  const p = subjectParams(s);
  p.set("period", s.period);
  const kpi = kpiOf(s.evidence.kpi);
  if (kpi) p.set("kpi", kpi);
  return `/scorecards?${p}`;
}

/** The trend of the signal's measure for its subject, by month (by quarter for a quarter's signal). */
export function trendLink(s: Signal): string {
  const p = subjectParams(s);
  const kpi = kpiOf(s.evidence.kpi);
  if (kpi) p.set("kpi", kpi);
  p.set("by", s.period.includes("Q") ? "QUARTER" : "MONTH");
  return `/trends?${p}`;
}

/**
 * The list shown with live events merged in: a signal heard of replaces the
 * listed one of the same id, a new one is added. Those whose status no
 * longer matches the filter are returned apart ("moved"), to be shown with
 * their outcome rather than silently dropped.
 */
export function mergeLive(listed: Signal[], heard: Signal[], status: SignalStatus | null): { shown: Signal[]; moved: Signal[] } {
  const byId = new Map(listed.map((s) => [s.id, s]));
  for (const s of heard) byId.set(s.id, s);
  const shown: Signal[] = [];
  const moved: Signal[] = [];
  for (const s of byId.values()) (status && s.status !== status ? moved : shown).push(s);
  return { shown: shown.sort(bySignalOrder), moved: moved.sort(bySignalOrder) };
}

/** How many open signals each rule has, for the chart, from counts by alias r1…r10. */
export function openPerRule(counts: Record<string, { totalCount: number } | undefined> | undefined): { rule: number; count: number }[] {
  return RULES.map((rule) => ({ rule, count: counts?.[`r${rule}`]?.totalCount ?? 0 }));
}

/** The step of a number input for a threshold's unit: the unit's precision. */
export function stepOf(unit: ThresholdUnit): string {
  switch (unit) {
    case "RATIO":
      return "0.0001";
    case "POINTS":
    case "PERCENT":
    case "SCORE":
      return "0.01";
  }
  return "1";
}

/**
 * Which threshold an INVALID_INPUT field names: "thresholds[1].value" is the
 * second sent; "thresholds" alone names none in particular (-1); null when
 * the field is not a threshold.
 */
export function thresholdIndexOf(field: string): number | null {
  const f = field.replace(/^input\./, "");
  const m = /^thresholds\[(\d+)\]/.exec(f);
  if (m) return Number(m[1]);
  return f === "thresholds" ? -1 : null;
}

/** The subject in words: a dealer's name and code, a channel's or a territory's name. */
export function subjectText(s: Signal, locale = "en"): string {
  if (s.dealer) return `${s.dealer.name} (${s.dealer.code})`;
  if (s.channel) return localName(s.channel, locale);
  if (s.territory) return `${localName(s.territory, locale)} (${s.territory.code})`;
  return "";
}

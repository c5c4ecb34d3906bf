// Wording a scorecard's numbers in the reader's language.
import type { TFunction } from "i18next";
import type { ScorecardFieldsFragment } from "../gql/graphql";
import { formatMoney } from "../format";
import { fieldOf, formatKpi, formatPart, formulaKind, isMoney, noDataReason, type Explanation, type Kpi } from "./appraisal";

export const localeOf = (language: string) => (language === "zh" ? "zh-CN" : "en");

/** A KPI's value on a scorecard as text, or null when the API has none. Money is shown exactly as the API gives it. */
export function kpiValue(card: ScorecardFieldsFragment, k: Kpi, locale: string): string | null {
  const v = (card as unknown as Record<string, string | number | null>)[fieldOf(k)];
  if (v === null || v === undefined) return null;
  if (isMoney(k)) return formatMoney(String(v), locale);
  return formatKpi(k, Number(v), locale);
}

/** The explanation of one KPI on a scorecard. */
export function explanationOf(card: ScorecardFieldsFragment, k: Kpi): Explanation {
  return card.explain.find((e) => e.kpi === k) ?? { kpi: k };
}

/**
 * The formula behind a KPI with the API's numbers in it ("net sales
 * 1,200.00 ÷ quota 1,500.00 = 80%"), or why there is no value.
 */
export function formulaText(t: TFunction, card: ScorecardFieldsFragment, k: Kpi, locale: string): string {
  const e = explanationOf(card, k);
  const value = kpiValue(card, k, locale);
  if (value === null) return t(`appraisal.noData.${noDataReason(e)}`);
  const num = e.numerator ?? null;
  const den = e.denominator ?? null;
  const kind = formulaKind(k);
  if (kind === "amount") return t(`appraisal.formula.${k}`, { value });
  // A pooled average inventory is an amount: the dealers' averages added up.
  if (num === null || den === null) return t("appraisal.formulaPooled", { kpi: t(`appraisal.name.${k}`), value });
  return t(`appraisal.formula.${k}`, {
    num: formatPart(k, "numerator", num, locale),
    den: formatPart(k, "denominator", den, locale),
    value,
  });
}

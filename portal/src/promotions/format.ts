/** Basis points as a percentage for people: 1250 → "12.5 %" (en) or "12.5%" (zh). */
export function percent(basisPoints: number, language: string): string {
  const n = new Intl.NumberFormat(language === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 2 }).format(basisPoints / 100);
  return language === "zh" ? `${n}%` : `${n} %`;
}

/** A percentage typed in a form ("12.5") as basis points; null when it is not one. */
export function basisPoints(percentText: string): number | null {
  const s = percentText.trim().replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

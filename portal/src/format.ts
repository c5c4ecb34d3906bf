// Formatting exact values from the API for people.

/**
 * Groups the whole part of a decimal Money string ("1234567.50") by the
 * locale's convention, keeping every digit: money is never a float here.
 */
export function formatMoney(amount: string, locale: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole, fraction] = m;
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(BigInt(whole));
  return sign + grouped + (fraction !== undefined ? "." + fraction : "");
}

/** A point in time (RFC 3339 from the API) as a date and time in the locale. */
export function formatTime(time: string, locale: string): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return time;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

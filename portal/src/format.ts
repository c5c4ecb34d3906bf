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

/** Today's date as YYYY-MM-DD in the browser's time zone. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** A point in time (RFC 3339 from the API) as a date and time in the locale. */
export function formatTime(time: string, locale: string): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return time;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

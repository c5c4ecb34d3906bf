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

const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A business date from the API ("2026-12-07", a calendar day with no time
 * zone) in the locale: "Dec 7, 2026", "2026年12月7日". It is read and
 * written in UTC so that no time zone moves it to another day.
 */
export function formatDate(date: string | null | undefined, locale: string): string {
  if (!date) return "";
  const m = BUSINESS_DATE.exec(date.trim());
  if (!m) return date;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCDate() !== +m[3]) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

/** A range of business dates in the locale: "Dec 1, 2026 – Dec 31, 2026". */
export function formatDateRange(from: string, to: string, locale: string): string {
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}

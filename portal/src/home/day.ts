// Business dates (YYYY-MM-DD from the API) in the reader's locale. A date has
// no time zone: it is drawn at noon UTC and formatted in UTC, so no reader's
// offset moves it to the day before or after.

/** "2026-03-05" as "Mar 5, 2026" or "2026年3月5日"; anything else as given. */
export function formatDay(date: string | null | undefined, language: string): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  const locale = language.startsWith("zh") ? "zh-CN" : "en";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

// Business dates (YYYY-MM-DD in the business time zone) for the order desk,
// turned into the instants the API's placedAt filters compare with.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far the wall clock of timeZone is ahead of UTC at instant t, in milliseconds. */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - t;
}

/** The instant (RFC 3339, UTC) a business date begins in the business time zone; null for a malformed date. */
export function startOfDay(date: string, timeZone: string): string | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = wall - offsetAt(wall, timeZone);
  // Across a change of offset the first guess is off by the change: once more settles it.
  t = wall - offsetAt(t, timeZone);
  return new Date(t).toISOString();
}

/** The business date after this one. */
export function nextDay(date: string): string | null {
  const m = DATE.exec(date);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

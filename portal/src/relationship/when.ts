// Times and dates as the form fields hold them: <input type="datetime-local">
// in the browser's local time, <input type="date"> as YYYY-MM-DD.

const pad = (n: number) => String(n).padStart(2, "0");

/** A point in time as a datetime-local value, to the minute, in local time. */
export function localDateTimeValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an RFC 3339 time for the API, or null when it is not a time. */
export function timeOfLocalValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The local date days after d, as YYYY-MM-DD. */
export function dateAfter(d: Date, days: number): string {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
  return `${x.getFullYear()}-${pad(x.getMonth() + 1)}-${pad(x.getDate())}`;
}

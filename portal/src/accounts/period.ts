// The statement's period: business dates (YYYY-MM-DD), both included.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether s is a real calendar date written YYYY-MM-DD. */
export function isDate(s: string | null | undefined): s is string {
  const m = s ? DATE.exec(s) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The date n days after (before, when negative) a date; calendar arithmetic, no time zones. */
export function addDays(date: string, n: number): string {
  const m = DATE.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + n));
  return d.toISOString().slice(0, 10);
}

/** The last 90 days up to today, both included. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -89), to: today };
}

/**
 * The period to show: the one asked for (e.g. in the address) when it is two
 * valid dates in order, else the default up to today.
 */
export function periodFrom(asked: { from?: string | null; to?: string | null }, today: string): { from: string; to: string } {
  const fallback = defaultPeriod(today);
  const from = isDate(asked.from) ? asked.from : null;
  const to = isDate(asked.to) ? asked.to : null;
  if (from && to) return from <= to ? { from, to } : fallback;
  if (to) return { from: addDays(to, -89), to };
  if (from) return { from, to: from <= today ? today : from };
  return fallback;
}

/** Whether a decimal Money string is below zero (a credit), without float arithmetic. */
export function isNegative(amount: string): boolean {
  return /^-/.test(amount.trim()) && /[1-9]/.test(amount);
}

/** Whether a decimal Money string is zero ("0.00", "-0"), without float arithmetic. */
export function isZero(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount.trim()) && amount.trim() !== "";
}

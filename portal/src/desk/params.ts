// The order desk's filters as the URL keeps them, and the orders where
// input they make: dates are business dates, compared from the start of
// "from" to the start of the day after "to" in the business time zone.
import type { OrderStatus, OrderWhereInput } from "../gql/graphql";
import { nextDay, startOfDay } from "./dates";

export const ORDER_STATUSES: OrderStatus[] = [
  "SUBMITTED",
  "CONFIRMED",
  "IN_FULFILLMENT",
  "SHIPPED",
  "PARTIALLY_DELIVERED",
  "DELIVERED",
  "REJECTED",
  "CANCELLED",
];

export type DeskFilters = {
  status: OrderStatus | null;
  dealer: string;
  from: string;
  to: string;
  number: string;
  hold: "held" | "clear" | null;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FILTER_KEYS = ["status", "dealer", "from", "to", "number", "hold"] as const;

export function readDesk(p: URLSearchParams): DeskFilters {
  const status = p.get("status");
  const hold = p.get("hold");
  const date = (k: string) => (DATE.test(p.get(k) ?? "") ? (p.get(k) as string) : "");
  return {
    status: status && (ORDER_STATUSES as string[]).includes(status) ? (status as OrderStatus) : null,
    dealer: p.get("dealer") ?? "",
    from: date("from"),
    to: date("to"),
    number: (p.get("number") ?? "").trim(),
    hold: hold === "held" || hold === "clear" ? hold : null,
  };
}

/** The URL's parameters for the filters (and a page, when given); empty ones are left out. */
export function writeDesk(f: DeskFilters, page: { after?: string; before?: string } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) out[k] = String(v);
  }
  if (page.after) out.after = page.after;
  if (page.before) out.before = page.before;
  return out;
}

/** The orders where input for the filters; null when nothing filters. */
export function deskWhere(f: DeskFilters, timeZone: string): OrderWhereInput | null {
  const where: OrderWhereInput = {};
  if (f.status) where.status = f.status;
  if (f.dealer) where.dealerID = f.dealer;
  if (f.number) where.numberContainsFold = f.number;
  if (f.hold) where.creditHold = f.hold === "held";
  const from = f.from ? startOfDay(f.from, timeZone) : null;
  const after = f.to ? nextDay(f.to) : null;
  const until = after ? startOfDay(after, timeZone) : null;
  if (from) where.placedAtGTE = from;
  if (until) where.placedAtLT = until;
  return Object.keys(where).length ? where : null;
}

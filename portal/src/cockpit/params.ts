// The cockpit's list as the URL keeps it: search, filters, sort and page,
// so that a manager's view can be bookmarked, shared and reloaded as it is.
import type { DealerStatus, DealerSummaryField, OrderDirection } from "../gql/graphql";

export const SORT_FIELDS: DealerSummaryField[] = [
  "CODE",
  "NAME",
  "SALES_THIS_MONTH",
  "SALES_THIS_YEAR",
  "OPEN_ORDERS",
  "OVERDUE",
  "BALANCE",
  "LAST_ORDER_AT",
];
export const DEALER_STATUSES: DealerStatus[] = ["ACTIVE", "PROBATION", "SUSPENDED", "TERMINATED"];

export type CockpitParams = {
  q: string;
  channel: string;
  territory: string;
  tier: number | null;
  status: DealerStatus | null;
  overdue: boolean;
  sort: DealerSummaryField;
  dir: OrderDirection;
  after: string | null;
};

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v && (list as readonly string[]).includes(v) ? (v as T) : null;

export function readCockpit(p: URLSearchParams): CockpitParams {
  const tier = Number(p.get("tier"));
  return {
    q: p.get("q") ?? "",
    channel: p.get("channel") ?? "",
    territory: p.get("territory") ?? "",
    tier: tier === 1 || tier === 2 ? tier : null,
    status: oneOf(DEALER_STATUSES, p.get("status")),
    overdue: p.get("overdue") === "1",
    sort: oneOf(SORT_FIELDS, p.get("sort")) ?? "CODE",
    dir: p.get("dir") === "DESC" ? "DESC" : "ASC",
    after: p.get("after"),
  };
}

/** The URL's parameters for a view; defaults are left out. */
export function writeCockpit(c: CockpitParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.q) out.q = c.q;
  if (c.channel) out.channel = c.channel;
  if (c.territory) out.territory = c.territory;
  if (c.tier) out.tier = String(c.tier);
  if (c.status) out.status = c.status;
  if (c.overdue) out.overdue = "1";
  if (c.sort !== "CODE" || c.dir !== "ASC") {
    out.sort = c.sort;
    out.dir = c.dir;
  }
  if (c.after) out.after = c.after;
  return out;
}

/** dealerSummaries' variables for a view. */
export function cockpitVariables(c: CockpitParams, first: number) {
  return {
    filter: {
      search: c.q || null,
      channelID: c.channel || null,
      territoryID: c.territory || null,
      tier: c.tier,
      status: c.status,
      overdueOnly: c.overdue || null,
    },
    orderBy: { field: c.sort, direction: c.dir },
    first,
    after: c.after,
  };
}

/**
 * Clicking a column's header sorts by it; clicking it again turns the
 * order round. Figures start largest first, names and codes from A.
 */
export function sortBy(c: CockpitParams, field: DealerSummaryField): CockpitParams {
  const dir: OrderDirection =
    c.sort === field ? (c.dir === "ASC" ? "DESC" : "ASC") : field === "CODE" || field === "NAME" ? "ASC" : "DESC";
  return { ...c, sort: field, dir, after: null };
}

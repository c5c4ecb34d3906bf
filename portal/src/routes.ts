// Which pages each role has. A later slice adds a page here and in App.tsx.

export type Role = "ADMIN" | "CHANNEL_MANAGER" | "DEALER";

export type NavItem = { to: string; label: string };

/** A heading of the menu and the pages under it. */
export type NavGroup = { label: string; items: NavItem[] };

const dealerNav: NavGroup[] = [
  {
    label: "nav.group.today",
    items: [
      { to: "/", label: "nav.home" },
      { to: "/announcements", label: "inbox.nav" },
    ],
  },
  {
    label: "nav.group.ordering",
    items: [
      { to: "/catalogue", label: "nav.catalogue" },
      { to: "/orders", label: "nav.orders" },
      { to: "/returns", label: "returns.nav" },
      { to: "/inventory", label: "facts.inventoryNav" },
    ],
  },
  {
    label: "nav.group.money",
    items: [
      { to: "/statement", label: "nav.statement" },
      { to: "/disputes", label: "disputes.nav" },
      { to: "/incentives", label: "incentives.nav" },
      { to: "/funds", label: "funds.nav" },
      { to: "/performance", label: "appraisal.my.nav" },
    ],
  },
  {
    label: "nav.group.relationship",
    items: [
      { to: "/tickets", label: "nav.tickets" },
      { to: "/agreements", label: "agreements.nav" },
      { to: "/deals", label: "deals.nav" },
      { to: "/leads", label: "leads.nav" },
      { to: "/conflicts", label: "conflicts.nav" },
    ],
  },
  {
    label: "nav.group.policy",
    items: [
      { to: "/policies", label: "policies.nav" },
      { to: "/market", label: "market.nav" },
    ],
  },
];

const staffNav: NavGroup[] = [
  {
    label: "nav.group.dealers",
    items: [
      { to: "/dealers", label: "nav.dealers" },
      { to: "/follow-ups", label: "nav.followUps" },
      { to: "/tickets", label: "nav.ticketQueue" },
      { to: "/agreements", label: "agreements.staffNav" },
      { to: "/deals", label: "deals.deskNav" },
      { to: "/leads", label: "leads.boardNav" },
    ],
  },
  {
    label: "nav.group.orders",
    items: [
      { to: "/orders", label: "nav.desk" },
      { to: "/returns", label: "returns.deskNav" },
      { to: "/disputes", label: "disputes.deskNav" },
    ],
  },
  {
    label: "nav.group.policy",
    items: [
      { to: "/policies", label: "policies.nav" },
      { to: "/announcements", label: "inbox.nav" },
      { to: "/catalogue", label: "priceList.nav" },
      { to: "/promotions", label: "promotions.nav" },
      { to: "/market", label: "market.nav" },
      { to: "/conflicts", label: "conflicts.deskNav" },
    ],
  },
  {
    label: "nav.group.incentives",
    items: [
      { to: "/rebates", label: "incentives.staffNav" },
      { to: "/quotas", label: "quotas.nav" },
      { to: "/funds", label: "funds.deskNav" },
    ],
  },
  {
    label: "nav.group.appraisal",
    items: [
      { to: "/scorecards", label: "appraisal.scorecard.nav" },
      { to: "/comparison", label: "appraisal.comparison.nav" },
      { to: "/trends", label: "appraisal.trends.nav" },
      { to: "/signals", label: "signals.nav" },
      { to: "/facts", label: "facts.deskNav" },
    ],
  },
];

const managerNav: NavGroup[] = [...staffNav, { label: "nav.group.admin", items: [{ to: "/users", label: "users.nav" }] }];

const adminNav: NavGroup[] = [
  ...staffNav,
  {
    label: "nav.group.admin",
    items: [
      { to: "/users", label: "users.nav" },
      { to: "/webhooks", label: "webhooks.nav" },
      { to: "/messages", label: "outbound.nav" },
      { to: "/audit", label: "audit.nav" },
    ],
  },
];

const dealerAdminNav: NavGroup[] = [...dealerNav, { label: "nav.group.admin", items: [{ to: "/users", label: "users.nav" }] }];

/**
 * The menu for a role, by heading: only pages that exist and that role can
 * use; a dealer administrator also manages its dealer's users.
 */
export function navGroupsFor(role: Role, dealerAdmin = false): NavGroup[] {
  if (role === "ADMIN") return adminNav;
  if (role === "DEALER") return dealerAdmin ? dealerAdminNav : dealerNav;
  return managerNav;
}

/** The pages of a role's menu, in order. */
export function navFor(role: Role, dealerAdmin = false): NavItem[] {
  return navGroupsFor(role, dealerAdmin).flatMap((g) => g.items);
}

/** Where a role lands after signing in. */
export function startPath(role: Role): string {
  return navFor(role)[0].to;
}

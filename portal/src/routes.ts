// Which pages each role has. A later slice adds a page here and in App.tsx.

export type Role = "ADMIN" | "CHANNEL_MANAGER" | "DEALER";

export type NavItem = { to: string; label: string };

const dealerNav: NavItem[] = [
  { to: "/", label: "nav.home" },
  { to: "/announcements", label: "inbox.nav" },
  { to: "/catalogue", label: "nav.catalogue" },
  { to: "/orders", label: "nav.orders" },
  { to: "/policies", label: "policies.nav" },
  { to: "/market", label: "market.nav" },
  { to: "/conflicts", label: "conflicts.nav" },
  { to: "/incentives", label: "incentives.nav" },
  { to: "/performance", label: "appraisal.my.nav" },
  { to: "/statement", label: "nav.statement" },
  { to: "/tickets", label: "nav.tickets" },
  { to: "/returns", label: "returns.nav" },
  { to: "/funds", label: "funds.nav" },
  { to: "/disputes", label: "disputes.nav" },
  { to: "/agreements", label: "agreements.nav" },
  { to: "/deals", label: "deals.nav" },
  { to: "/leads", label: "leads.nav" },
  { to: "/inventory", label: "facts.inventoryNav" },
];

const staffNav: NavItem[] = [
  { to: "/dealers", label: "nav.dealers" },
  { to: "/orders", label: "nav.desk" },
  { to: "/follow-ups", label: "nav.followUps" },
  { to: "/tickets", label: "nav.ticketQueue" },
  { to: "/returns", label: "returns.deskNav" },
  { to: "/funds", label: "funds.deskNav" },
  { to: "/disputes", label: "disputes.deskNav" },
  { to: "/agreements", label: "agreements.staffNav" },
  { to: "/deals", label: "deals.deskNav" },
  { to: "/leads", label: "leads.boardNav" },
  { to: "/policies", label: "policies.nav" },
  { to: "/announcements", label: "inbox.nav" },
  { to: "/catalogue", label: "priceList.nav" },
  { to: "/promotions", label: "promotions.nav" },
  { to: "/market", label: "market.nav" },
  { to: "/conflicts", label: "conflicts.deskNav" },
  { to: "/rebates", label: "incentives.staffNav" },
  { to: "/quotas", label: "quotas.nav" },
  { to: "/facts", label: "facts.deskNav" },
  { to: "/scorecards", label: "appraisal.scorecard.nav" },
  { to: "/comparison", label: "appraisal.comparison.nav" },
  { to: "/trends", label: "appraisal.trends.nav" },
  { to: "/signals", label: "signals.nav" },
  { to: "/users", label: "users.nav" },
];

const adminNav: NavItem[] = [
  ...staffNav,
  { to: "/webhooks", label: "webhooks.nav" },
  { to: "/messages", label: "outbound.nav" },
  { to: "/audit", label: "audit.nav" },
];

const dealerAdminNav: NavItem[] = [...dealerNav, { to: "/users", label: "users.nav" }];

/**
 * The menu for a role: only pages that exist and that role can use; a
 * dealer administrator also manages its dealer's users.
 */
export function navFor(role: Role, dealerAdmin = false): NavItem[] {
  if (role === "ADMIN") return adminNav;
  if (role === "DEALER") return dealerAdmin ? dealerAdminNav : dealerNav;
  return staffNav;
}

/** Where a role lands after signing in. */
export function startPath(role: Role): string {
  return navFor(role)[0].to;
}

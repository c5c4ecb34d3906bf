/** The portal page of a record of the audit trail, for the kinds that have one. */
const pages: Record<string, string> = {
  Order: "/orders/",
  Dealer: "/dealers/",
  ServiceTicket: "/tickets/",
  SalesReturn: "/returns/",
  Agreement: "/agreements/",
  ChannelPolicy: "/policies/",
  ConflictCase: "/conflicts/",
  Webhook: "/webhooks/",
};

export function recordLink(subjectType: string, subjectID: string): string | null {
  const base = pages[subjectType];
  return base ? base + encodeURIComponent(subjectID) : null;
}

/** The trail's filters as they are kept in the page's address. */
export const filterKeys = ["actor", "dealer", "kind", "action", "from", "to"] as const;
export type FilterKey = (typeof filterKeys)[number];

export function filterOf(params: URLSearchParams) {
  const v = (k: FilterKey) => params.get(k) || null;
  return {
    actorID: v("actor"),
    dealerID: v("dealer"),
    subjectType: v("kind"),
    action: v("action"),
    from: v("from"),
    to: v("to"),
  };
}

/** The action prefixes offered in the menu: each action's family ("order.") and the action itself. */
export function actionChoices(actions: string[]): string[] {
  const out = new Set<string>();
  for (const a of actions) {
    const dot = a.indexOf(".");
    if (dot > 0) out.add(a.slice(0, dot + 1));
    out.add(a);
  }
  return [...out].sort();
}

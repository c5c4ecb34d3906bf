// Which price applies: a channel price wins over the tier price (DESIGN.md §4),
// among the prices valid on the day. validFrom is inclusive, validTo exclusive.

export type PriceLike = {
  tier: number;
  amount: string;
  validFrom: string; // YYYY-MM-DD
  validTo?: string | null;
  channel?: { name: string } | null;
};

export function validOn<P extends PriceLike>(p: P, day: string): boolean {
  return p.validFrom <= day && (p.validTo == null || day < p.validTo);
}

/**
 * The price that applies on day: the channel price when there is one, else
 * the tier price. A dealer user's API only returns its own tier and channel;
 * when several tiers are present (staff), the lowest tier number wins, so the
 * choice is stable.
 */
export function currentPrice<P extends PriceLike>(prices: readonly P[] | null | undefined, day: string): P | null {
  const valid = (prices ?? []).filter((p) => validOn(p, day));
  const rank = (p: P) => (p.channel ? 0 : 1) * 10 + p.tier;
  valid.sort((a, b) => rank(a) - rank(b));
  return valid[0] ?? null;
}

// A policy's audience in words ("all tier-2 dealers of Retail"), from the
// audience the API returns: the portal words it, it does not decide it.
import type { TFunction } from "i18next";
import { localName } from "../i18n/localName";

export type AudienceView = {
  all: boolean;
  channels: { name: string; nameZh?: string | null }[];
  tiers: number[];
  territories: { name: string; nameZh?: string | null }[];
  dealers: { name: string }[];
};

/** Names joined as the locale joins a list ("A, B, and C"; "A、B和C"). */
export function joinList(items: string[], locale: string): string {
  if (items.length <= 1) return items.join("");
  try {
    return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

/**
 * The audience in one phrase. The dimensions given narrow "all dealers" (each
 * one a match on any of its values), the named dealers come in addition.
 */
export function audienceWords(t: TFunction, a: AudienceView, locale: string): string {
  if (a.all) return t("audience.all");
  const list = (xs: string[]) => joinList(xs, locale);
  const tiers = [...a.tiers].sort((x, y) => x - y);
  const hasGroup = tiers.length > 0 || a.channels.length > 0 || a.territories.length > 0;
  const group = hasGroup
    ? t("audience.group", {
        tiers: tiers.length ? t("audience.tiers", { list: list(tiers.map((n) => t([`audience.tierNames.${n}`, "audience.tier"], { n }))) }) : "",
        channels: a.channels.length ? t("audience.channels", { list: list(a.channels.map((c) => localName(c, locale))) }) : "",
        territories: a.territories.length
          ? t("audience.territories", { list: list(a.territories.map((x) => localName(x, locale))) })
          : "",
      })
    : "";
  const named = list(a.dealers.map((d) => d.name));
  if (group && named) return t("audience.groupAndDealers", { group, dealers: named });
  if (group) return group;
  if (named) return named;
  return t("audience.nobody");
}

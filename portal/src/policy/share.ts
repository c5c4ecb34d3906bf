// The acknowledgement dashboard's figures per channel. Who still has to
// acknowledge is the API's answer (pendingDealers); a dealer of the audience
// that has acknowledged some version and is not pending has acknowledged the
// one that needs it.
import { localName } from "../i18n/localName";

type Channel = { id: string; name: string; nameZh?: string | null };

export type ShareInput = {
  acknowledgements: { dealer: { id: string; channel: Channel } }[];
  pending: { id: string; channel: Channel }[];
};

export type ChannelShare = { channelID: string; channel: string; acknowledged: number; pending: number; share: number };

/** Acknowledged and pending dealers per channel, with the share acknowledged in percent (0–100), by channel name in the locale. */
export function shareByChannel({ acknowledgements, pending }: ShareInput, locale = "en"): ChannelShare[] {
  const pendingIDs = new Set(pending.map((d) => d.id));
  const rows = new Map<string, ChannelShare>();
  const row = (c: Channel) => {
    let r = rows.get(c.id);
    if (!r) {
      r = { channelID: c.id, channel: localName(c, locale), acknowledged: 0, pending: 0, share: 0 };
      rows.set(c.id, r);
    }
    return r;
  };
  const counted = new Set<string>();
  for (const a of acknowledgements) {
    if (pendingIDs.has(a.dealer.id) || counted.has(a.dealer.id)) continue;
    counted.add(a.dealer.id);
    row(a.dealer.channel).acknowledged++;
  }
  for (const d of pending) row(d.channel).pending++;
  return [...rows.values()]
    .map((r) => ({ ...r, share: Math.round((100 * r.acknowledged) / (r.acknowledged + r.pending)) }))
    .sort((a, b) => a.channel.localeCompare(b.channel));
}

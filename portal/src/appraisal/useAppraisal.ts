import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { SubjectsQuery } from "./ops";
import { kindOf, periodOf, type SubjectKind } from "./appraisal";
import type { Named } from "./Pickers";

const KINDS: SubjectKind[] = ["dealer", "channel", "territory"];

/**
 * What a staff page appraises, kept in the address so that it can be
 * shared and reloaded: ?dealer=ID (or channel=, territory=) and
 * ?period=2026-07. Without a choice: the first dealer, and the month of
 * today's business date.
 */
export function useAppraisalParams() {
  const [params, setParams] = useSearchParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: SubjectsQuery });
  const options: Record<SubjectKind, Named[]> = {
    dealer: (data?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])),
    channel: (data?.channels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])),
    territory: (data?.territories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])),
  };
  const today = data?.settings.today ?? "";
  const kind = KINDS.find((k) => params.get(k)) ?? "dealer";
  const id = params.get(kind) ?? options[kind][0]?.id ?? "";
  const asked = params.get("period") ?? "";
  const period = kindOf(asked) ? asked : today ? periodOf("MONTH", today) : "";
  const set = (next: { kind?: SubjectKind; id?: string; period?: string }) => {
    const p = new URLSearchParams(params);
    for (const k of KINDS) p.delete(k);
    const k = next.kind ?? kind;
    const i = next.id ?? id;
    if (i) p.set(k, i);
    p.set("period", next.period ?? period);
    setParams(p, { replace: true });
  };
  const subject = { dealerID: kind === "dealer" ? id : null, channelID: kind === "channel" ? id : null, territoryID: kind === "territory" ? id : null };
  const name = options[kind].find((s) => s.id === id);
  return { kind, id, period, today, options, subject, name, set, params, setParams, error, fetching, loaded: !!data, refetch };
}

import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { audienceWords } from "../policy/audience";

export const IncentiveAudienceOptionsQuery = graphql(`
  query IncentiveAudienceOptions {
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          region
        }
      }
    }
  }
`);

export const IncentiveDealerSearchQuery = graphql(`
  query IncentiveDealerSearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`);

type Named = { id: string; name: string };

export type AudienceDraft = {
  all: boolean;
  channels: Named[];
  tiers: number[];
  territories: Named[];
  dealers: Named[];
};

export const everyone: AudienceDraft = { all: true, channels: [], tiers: [], territories: [], dealers: [] };

/** The draft as AudienceInput. */
export function audienceInput(a: AudienceDraft) {
  return a.all
    ? { all: true }
    : {
        all: false,
        channelIDs: a.channels.map((c) => c.id),
        tiers: a.tiers,
        territoryIDs: a.territories.map((x) => x.id),
        dealerIDs: a.dealers.map((d) => d.id),
      };
}

function toggle<T>(list: T[], item: T, same: (a: T, b: T) => boolean): T[] {
  return list.some((x) => same(x, item)) ? list.filter((x) => !same(x, item)) : [...list, item];
}

/** Who a program is for: all dealers, or channels, tiers and territories, and dealers by name; worded as the policies word it. */
export function AudiencePicker({ value, onChange, error }: { value: AudienceDraft; onChange: (a: AudienceDraft) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  const dealerId = useId();
  const [{ data: options }] = useQuery({ query: IncentiveAudienceOptionsQuery });
  const [q, setQ] = useState("");
  const [{ data: found }] = useQuery({ query: IncentiveDealerSearchQuery, variables: { q }, pause: q.trim().length < 2 });
  const channels = (options?.channels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const territories = (options?.territories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const candidates = (found?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const byId = (a: Named, b: Named) => a.id === b.id;
  const set = (patch: Partial<AudienceDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="audience-picker">
      <legend>{t("incentives.audience")}</legend>
      <label className="check">
        <input type="radio" name="audience-mode" value="all" checked={value.all} onChange={() => set({ all: true })} />{" "}
        {t("audience.all")}
      </label>
      <label className="check">
        <input type="radio" name="audience-mode" value="choose" checked={!value.all} onChange={() => set({ all: false })} />{" "}
        {t("incentives.chooseAudience")}
      </label>
      {!value.all && (
        <div className="audience-dimensions">
          <fieldset>
            <legend>{t("incentives.channels")}</legend>
            {channels.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  data-channel={c.name}
                  checked={value.channels.some((x) => x.id === c.id)}
                  onChange={() => set({ channels: toggle(value.channels, c, byId) })}
                />{" "}
                {c.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("incentives.tiers")}</legend>
            {[1, 2].map((n) => (
              <label key={n} className="check">
                <input
                  type="checkbox"
                  data-tier={n}
                  checked={value.tiers.includes(n)}
                  onChange={() => set({ tiers: toggle(value.tiers, n, (a, b) => a === b) })}
                />{" "}
                {t(`tier.${n}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("incentives.territories")}</legend>
            {territories.map((x) => (
              <label key={x.id} className="check">
                <input
                  type="checkbox"
                  data-territory={x.name}
                  checked={value.territories.some((y) => y.id === x.id)}
                  onChange={() => set({ territories: toggle(value.territories, x, byId) })}
                />{" "}
                {x.name} <span className="muted">({x.region})</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("incentives.namedDealers")}</legend>
            {value.dealers.length > 0 && (
              <ul className="chips">
                {value.dealers.map((d) => (
                  <li key={d.id}>
                    {d.name}{" "}
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t("incentives.remove", { name: d.name })}
                      onClick={() => set({ dealers: value.dealers.filter((x) => x.id !== d.id) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label htmlFor={dealerId}>{t("incentives.findDealer")}</label>
            <input id={dealerId} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            {candidates.length > 0 && (
              <ul className="links dealer-candidates">
                {candidates
                  .filter((c) => !value.dealers.some((d) => d.id === c.id))
                  .map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        className="button button-quiet"
                        data-dealer={c.name}
                        onClick={() => set({ dealers: [...value.dealers, { id: c.id, name: c.name }] })}
                      >
                        + {c.name} <span className="muted mono">{c.code}</span>
                      </button>
                    </li>
                  ))}
              </ul>
            )}
          </fieldset>
        </div>
      )}
      <p className="audience-summary">
        {t("incentives.for")} <strong>{audienceWords(t, value, i18n.language === "zh" ? "zh-CN" : "en")}</strong>
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { audienceWords } from "../policy/audience";
import { describe, fieldOf, type Problem } from "../errors";
import { localName } from "../i18n/localName";

// The channels and territories to choose from are what the API shows the
// reader: a manager sees only its own channels.
export const AudienceOptionsQuery = graphql(`
  query AudienceOptions {
    channels(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          nameZh
          region
        }
      }
    }
  }
`);

/** Dealers by name, for naming them (audiences, conflict parties). */
export const DealerSearchQuery = graphql(`
  query DealerSearch($q: String) {
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

type Named = { id: string; name: string; nameZh?: string | null };

export type AudienceDraft = {
  all: boolean;
  channels: Named[];
  tiers: number[];
  territories: Named[];
  dealers: Named[];
};

export const everyone: AudienceDraft = { all: true, channels: [], tiers: [], territories: [], dealers: [] };

/** The draft of an audience the API returned (policies, promotions). */
export function audienceDraft(a: AudienceDraft): AudienceDraft {
  return { all: a.all, channels: a.channels, tiers: a.tiers, territories: a.territories, dealers: a.dealers };
}

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

/** Whether a refusal is about the audience ("audience", "audience.channelIDs[0]", …). */
export function onAudience(p: Problem): boolean {
  return fieldOf(p.field).name.split(".")[0] === "audience";
}

/**
 * The first refusal about the audience, in words: a bad choice (worded by the
 * editor when it says more), dealers the publisher may not address, or a
 * choice that does not exist for the reader.
 */
export function audienceError(t: TFunction, problems: Problem[], invalid?: string): string | undefined {
  return problems
    .filter(onAudience)
    .map((p) =>
      p.code === "INVALID_INPUT"
        ? (invalid ?? t("errors.field.audience"))
        : p.code === "FORBIDDEN"
          ? t("audience.picker.forbidden")
          : p.code === "NOT_FOUND"
            ? t("audience.picker.notFound")
            : describe(t, p),
    )[0];
}

function toggle<T>(list: T[], item: T, same: (a: T, b: T) => boolean): T[] {
  return list.some((x) => same(x, item)) ? list.filter((x) => !same(x, item)) : [...list, item];
}

/** One dimension of an audience as checkboxes, each marked (data-channel="Retail") for finding it. */
function Checks({
  legend,
  attr,
  items,
  chosen,
  flip,
}: {
  legend: string;
  attr: string;
  items: { key: string; mark: string; label: ReactNode }[];
  chosen: (key: string) => boolean;
  flip: (key: string) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {items.map((x) => (
        <label key={x.key} className="check">
          <input type="checkbox" {...{ [attr]: x.mark }} checked={chosen(x.key)} onChange={() => flip(x.key)} /> {x.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Who something is for: all dealers, or channels, tiers and territories, and
 * dealers by name; summed up in the words the policies use. One picker for
 * policies, promotions and rebate programs.
 */
export function AudiencePicker({
  value,
  onChange,
  error,
  legend,
}: {
  value: AudienceDraft;
  onChange: (a: AudienceDraft) => void;
  error?: string;
  legend?: string;
}) {
  const { t, i18n } = useTranslation();
  const dealerId = useId();
  const [{ data: options }] = useQuery({ query: AudienceOptionsQuery });
  const [q, setQ] = useState("");
  const [{ data: found }] = useQuery({ query: DealerSearchQuery, variables: { q }, pause: q.trim().length < 2 });
  const channels = (options?.channels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const territories = (options?.territories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const candidates = (found?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const byId = (a: Named, b: Named) => a.id === b.id;
  const set = (patch: Partial<AudienceDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="audience-picker">
      <legend>{legend ?? t("audience.picker.legend")}</legend>
      <label className="check">
        <input type="radio" name="audience-mode" value="all" checked={value.all} onChange={() => set({ all: true })} />{" "}
        {t("audience.all")}
      </label>
      <label className="check">
        <input type="radio" name="audience-mode" value="choose" checked={!value.all} onChange={() => set({ all: false })} />{" "}
        {t("audience.picker.choose")}
      </label>
      {!value.all && (
        <div className="audience-dimensions">
          <Checks
            legend={t("audience.picker.channels")}
            attr="data-channel"
            items={channels.map((c) => ({ key: c.id, mark: c.name, label: localName(c, i18n.language) }))}
            chosen={(k) => value.channels.some((x) => x.id === k)}
            flip={(k) => set({ channels: toggle(value.channels, channels.find((c) => c.id === k)!, byId) })}
          />
          <Checks
            legend={t("audience.picker.tiers")}
            attr="data-tier"
            items={[1, 2].map((n) => ({ key: String(n), mark: String(n), label: t(`tier.${n}`) }))}
            chosen={(k) => value.tiers.includes(Number(k))}
            flip={(k) => set({ tiers: toggle(value.tiers, Number(k), (a, b) => a === b) })}
          />
          <Checks
            legend={t("audience.picker.territories")}
            attr="data-territory"
            items={territories.map((x) => ({
              key: x.id,
              mark: x.name,
              label: (
                <>
                  {localName(x, i18n.language)} <span className="muted">({x.region})</span>
                </>
              ),
            }))}
            chosen={(k) => value.territories.some((y) => y.id === k)}
            flip={(k) => set({ territories: toggle(value.territories, territories.find((x) => x.id === k)!, byId) })}
          />
          <fieldset>
            <legend>{t("audience.picker.namedDealers")}</legend>
            {value.dealers.length > 0 && (
              <ul className="chips">
                {value.dealers.map((d) => (
                  <li key={d.id}>
                    {d.name}{" "}
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t("audience.picker.removeDealer", { name: d.name })}
                      onClick={() => set({ dealers: value.dealers.filter((x) => x.id !== d.id) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label htmlFor={dealerId}>{t("audience.picker.findDealer")}</label>
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
        {t("audience.picker.appliesTo")} <strong>{audienceWords(t, value, i18n.language === "zh" ? "zh-CN" : "en")}</strong>
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { DealerSearchQuery } from "../components/AudiencePicker";
import { graphql } from "../gql";
import type { ConflictKind, ConflictSeverity } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe, fieldOf, problemsOf } from "../errors";
import { CONFLICT_SEVERITIES } from "./Conflicts";
import { formatTime } from "../format";

export const CONFLICT_KINDS: ConflictKind[] = ["TERRITORY_BREACH", "PRICE_UNDERCUT", "CUSTOMER_POACHING", "OTHER"];

export const ConflictOptionsQuery = graphql(`
  query ConflictOptions($dealerID: ID!, $isDealer: Boolean!) {
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
          nameZh
        }
      }
    }
    orders(first: 20) {
      edges {
        node {
          id
          number
          placedAt
          dealer {
            id
            name
          }
        }
      }
    }
  }
`);

// A dealer user reads no other dealer: it finds parties among those trading
// in its territories, or one from elsewhere by its exact code.
export const ConflictCounterpartySearchQuery = graphql(`
  query ConflictCounterpartySearch($territoryID: ID, $q: String) {
    conflictCounterparties(territoryID: $territoryID, search: $q) {
      id
      code
      name
    }
  }
`);

export const OpenConflictCaseMutation = graphql(`
  mutation OpenConflictCase($input: OpenConflictCaseInput!) {
    openConflictCase(input: $input) {
      id
      number
    }
  }
`);

type Named = { id: string; name: string };

/** Report a conflict: what kind, how serious, against whom, where, what happened and what backs it. */
export function ConflictNew() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [{ data: viewer }] = useViewer();
  const me = viewer?.me;
  const isDealer = me?.role === "DEALER";
  usePageTitle(t("conflicts.newTitle"));
  const [{ data: options, error: optionsError }] = useQuery({
    query: ConflictOptionsQuery,
    variables: { dealerID: me?.dealer?.id ?? "", isDealer },
    pause: !me,
  });
  const [form, setForm] = useState({
    kind: "TERRITORY_BREACH" as ConflictKind,
    severity: "MEDIUM" as ConflictSeverity,
    territoryID: "",
    summary: "",
    evidence: "",
  });
  const [parties, setParties] = useState<Named[]>([]);
  const [orders, setOrders] = useState<string[]>([]);
  const [q, setQ] = useState("");
  const searching = q.trim().length >= 2;
  const [{ data: found }] = useQuery({ query: DealerSearchQuery, variables: { q }, pause: !me || isDealer || !searching });
  const [{ data: nearby }] = useQuery({
    query: ConflictCounterpartySearchQuery,
    variables: { territoryID: form.territoryID || null, q: q.trim() },
    pause: !me || !isDealer || !searching,
  });
  const [{ fetching, error }, open] = useMutation(OpenConflictCaseMutation);

  if (optionsError && !options) return <ErrorMessage error={optionsError} />;
  if (!options) return <Loading />;
  const territories: Named[] = isDealer
    ? options.dealer?.__typename === "Dealer"
      ? (options.dealer.territories ?? [])
      : []
    : (options.territories?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const orderList = (options.orders.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const candidates = (
    isDealer ? (nearby?.conflictCounterparties ?? []) : (found?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  ).filter((c) => c.id !== me?.dealer?.id && !parties.some((p) => p.id === c.id));
  const problems = problemsOf(error);
  const err = (...names: string[]) => {
    const p = problems.find((p) => p.field && names.includes(fieldOf(p.field).name.replace(/\[\d+\]$/, "")));
    return p ? (
      <p className="field-error" role="alert">
        {describe(t, { ...p, field: p.field.replace(/\[\d+\]$/, "") }, "conflicts")}
      </p>
    ) : null;
  };
  const general = problems.filter((p) => !p.field);
  const set =
    (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <section aria-labelledby={`${id}-title`}>
      <p className="back">
        <Link to="/conflicts">← {t("conflicts.back")}</Link>
      </p>
      <h1 id={`${id}-title`}>{t("conflicts.newTitle")}</h1>
      <p className="lead">{t("conflicts.newIntro")}</p>
      <form
        className="form conflict-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await open(
            {
              input: {
                kind: form.kind,
                severity: form.severity,
                partyIDs: parties.map((p) => p.id),
                territoryID: form.territoryID || null,
                summary: form.summary,
                evidence: form.evidence || null,
                evidenceOrderIDs: orders,
              },
            },
          );
          if (!r.error && r.data) navigate(`/conflicts/${encodeURIComponent(r.data.openConflictCase.id)}`);
        }}
      >
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t("conflicts.kind")}</label>
            <select id={`${id}-kind`} name="kind" value={form.kind} onChange={set("kind")}>
              {CONFLICT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`conflictKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-severity`}>{t("conflicts.severity")}</label>
            <select id={`${id}-severity`} name="severity" value={form.severity} onChange={set("severity")}>
              {CONFLICT_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`conflictSeverity.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-territory`}>{t("conflicts.territory")}</label>
            <select id={`${id}-territory`} name="territoryID" value={form.territoryID} onChange={set("territoryID")}>
              <option value="">{t("conflicts.noTerritory")}</option>
              {territories.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            {err("territoryID")}
          </div>
        </div>

        <fieldset className="parties">
          <legend>{t("conflicts.against")}</legend>
          {parties.length > 0 && (
            <ul className="chips">
              {parties.map((d) => (
                <li key={d.id} data-party={d.name}>
                  {d.name}{" "}
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={t("policies.removeDealer", { name: d.name })}
                    onClick={() => setParties(parties.filter((x) => x.id !== d.id))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label htmlFor={`${id}-party`}>{t(isDealer ? "conflicts.findParty" : "policies.findDealer")}</label>
          <input
            id={`${id}-party`}
            name="party"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={isDealer ? `${id}-party-hint` : undefined}
          />
          {isDealer && (
            <p id={`${id}-party-hint`} className="muted">
              {t(form.territoryID ? "conflicts.findPartyInTerritory" : "conflicts.findPartyHint")}
            </p>
          )}
          {candidates.length > 0 && (
            <ul className="links dealer-candidates">
              {candidates.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="button button-quiet"
                    data-dealer={c.name}
                    onClick={() => {
                      setParties([...parties, { id: c.id, name: c.name }]);
                      setQ("");
                    }}
                  >
                    + {c.name} <span className="muted mono">{c.code}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {err("partyIDs")}
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-summary`}>{t("conflicts.summary")}</label>
          <textarea id={`${id}-summary`} name="summary" rows={3} maxLength={2000} value={form.summary} onChange={set("summary")} />
          {err("summary")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-evidence`}>{t("conflicts.evidence")}</label>
          <textarea id={`${id}-evidence`} name="evidence" rows={4} maxLength={10000} value={form.evidence} onChange={set("evidence")} />
          {err("evidence")}
        </div>
        {orderList.length > 0 && (
          <fieldset className="evidence-orders">
            <legend>{t("conflicts.linkOrders")}</legend>
            {orderList.map((o) => (
              <label key={o.id} className="check">
                <input
                  type="checkbox"
                  data-order={o.number}
                  checked={orders.includes(o.id)}
                  onChange={() => setOrders(orders.includes(o.id) ? orders.filter((x) => x !== o.id) : [...orders, o.id])}
                />{" "}
                <span className="mono">{o.number}</span> <span className="muted">{o.dealer.name}</span>{" "}
                <span className="muted">{formatTime(o.placedAt, i18n.language)}</span>
              </label>
            ))}
            {err("evidenceOrderIDs")}
          </fieldset>
        )}
        {general.map((p, i) => (
          <p key={i} className="field-error" role="alert">
            {describe(t, p, "conflicts")}
          </p>
        ))}
        <p className="actions-row">
          <button type="submit" className="button button-primary" data-action="open-case" disabled={fetching}>
            {t("conflicts.submit")}
          </button>
        </p>
      </form>
    </section>
  );
}

import { useEffect, useId, useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe, fieldOf, problemsOf } from "../errors";
import { formatDate, formatMoney, formatTime } from "../format";
import { Attachments } from "../attachments/Attachments";
import { localName } from "../i18n/localName";

const PAGE_SIZE = 20;

export const MarketOptionsQuery = graphql(`
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
          nameZh
        }
      }
    }
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
  }
`);

export const PriceObservationsQuery = graphql(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
        nameZh
      }
      product {
        id
        sku
        name
        nameZh
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`);

export const MarketReportsQuery = graphql(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          attachments {
            ...AttachmentFields
          }
          dealer {
            id
            name
          }
          territory {
            id
            name
            nameZh
          }
          product {
            id
            sku
            name
            nameZh
          }
        }
      }
    }
  }
`);

export const SubmitMarketReportMutation = graphql(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);

type Option = { id: string; name: string; nameZh?: string | null };

/**
 * Market information. A dealer reports a price it saw and reads the prices
 * seen in its territories beside its own; staff list their dealers' reports
 * by territory, product and period.
 */
export function Market() {
  const { t } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const me = viewer?.me;
  const isDealer = me?.role === "DEALER";
  usePageTitle(t("market.title"));
  // Bumped by each report sent: the lists below load again.
  const [sent, setSent] = useState(0);
  const [{ data: options, error }] = useQuery({
    query: MarketOptionsQuery,
    variables: { dealerID: me?.dealer?.id ?? "", isDealer },
    pause: !me,
  });
  if (error && !options) return <ErrorMessage error={error} />;
  if (!options) return <Loading />;
  const products = (options.products.edges ?? []).flatMap((e) =>
    e?.node ? [{ id: e.node.id, name: `${e.node.sku} ${e.node.name}`, nameZh: e.node.nameZh ? `${e.node.sku} ${e.node.nameZh}` : null }] : [],
  );
  const territories: Option[] = isDealer
    ? options.dealer?.__typename === "Dealer"
      ? (options.dealer.territories ?? [])
      : []
    : (options.territories?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <section aria-labelledby="market-title">
      <h1 id="market-title">{t("market.title")}</h1>
      <p className="lead">{isDealer ? t("market.intro") : t("market.staffIntro")}</p>
      {isDealer && (
        <ReportForm
          territories={territories}
          products={products}
          today={options.settings.today}
          onSent={() => setSent((n) => n + 1)}
        />
      )}
      {isDealer && <Observations sent={sent} />}
      <Reports territories={territories} products={products} staff={!isDealer} sent={sent} />
    </section>
  );
}

function ReportForm({
  territories,
  products,
  today,
  onSent,
}: {
  territories: Option[];
  products: Option[];
  today: string;
  onSent: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const empty = { territoryID: territories[0]?.id ?? "", productID: "", competitor: "", observedPrice: "", observedOn: today, note: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  const [{ fetching, error }, submit] = useMutation(SubmitMarketReportMutation);
  const problems = problemsOf(error);
  const err = (name: string) => {
    const p = problems.find((p) => fieldOf(p.field).name === name);
    return p ? (
      <p className="field-error" role="alert">
        {describe(t, p, "market")}
      </p>
    ) : null;
  };
  const general = problems.filter((p) => !p.field);
  const set = (k: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("market.report")}</h2>
      <form
        className="form market-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setDone(false);
          const r = await submit({ input: { ...form, note: form.note || null } });
          if (!r.error) {
            setForm({ ...empty, territoryID: form.territoryID });
            setDone(true);
            onSent();
          }
        }}
      >
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-territory`}>{t("market.territory")}</label>
            <select id={`${id}-territory`} name="territoryID" value={form.territoryID} onChange={set("territoryID")}>
              {territories.map((x) => (
                <option key={x.id} value={x.id}>
                  {localName(x, i18n.language)}
                </option>
              ))}
            </select>
            {err("territoryID")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-product`}>{t("market.product")}</label>
            <select id={`${id}-product`} name="productID" value={form.productID} onChange={set("productID")}>
              <option value="">{t("market.chooseProduct")}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {localName(p, i18n.language)}
                </option>
              ))}
            </select>
            {err("productID")}
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-competitor`}>{t("market.competitor")}</label>
            <input id={`${id}-competitor`} name="competitor" value={form.competitor} maxLength={200} onChange={set("competitor")} />
            {err("competitor")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-price`}>{t("market.observedPrice")}</label>
            <input id={`${id}-price`} name="observedPrice" inputMode="decimal" value={form.observedPrice} onChange={set("observedPrice")} />
            {err("observedPrice")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-on`}>{t("market.observedOn")}</label>
            <input id={`${id}-on`} name="observedOn" type="date" max={today} value={form.observedOn} onChange={set("observedOn")} />
            {err("observedOn")}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("market.note")}</label>
          <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} value={form.note} onChange={set("note")} />
          {err("note")}
        </div>
        {general.map((p, i) => (
          <p key={i} className="field-error" role="alert">
            {describe(t, p, "market")}
          </p>
        ))}
        <p className="actions-row">
          <button type="submit" className="button button-primary" disabled={fetching}>
            {t("market.submit")}
          </button>
          <span role="status" className="muted">
            {done ? t("market.submitted") : ""}
          </span>
        </p>
      </form>
    </section>
  );
}

/** Prices seen in the dealer's territories, without who reported them, beside the dealer's own price. */
function Observations({ sent }: { sent: number }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: PriceObservationsQuery, variables: {} });
  useEffect(() => {
    if (sent) refetch({ requestPolicy: "network-only" });
  }, [sent, refetch]);
  const rows = data?.priceObservations ?? [];
  return (
    <section aria-labelledby="market-observations">
      <h2 id="market-observations">{t("market.observations")}</h2>
      {error && !data ? (
        <ErrorMessage error={error} />
      ) : !data ? (
        <Loading />
      ) : !rows.length ? (
        <Empty>{t("market.noObservations")}</Empty>
      ) : (
        <table className="table observations">
          <thead>
            <tr>
              <th scope="col">{t("market.product")}</th>
              <th scope="col">{t("market.territory")}</th>
              <th scope="col">{t("market.competitor")}</th>
              <th scope="col" className="num">
                {t("market.observedPrice")}
              </th>
              <th scope="col" className="num">
                {t("market.ourPrice")}
              </th>
              <th scope="col">{t("market.observedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o, i) => (
              <tr key={i} data-competitor={o.competitor}>
                <th scope="row" data-label={t("market.product")}>
                  {localName(o.product, i18n.language)} <span className="muted mono">{o.product.sku}</span>
                </th>
                <td data-label={t("market.territory")}>{localName(o.territory, i18n.language)}</td>
                <td data-label={t("market.competitor")}>{o.competitor}</td>
                <td data-label={t("market.observedPrice")} className="num money">
                  {formatMoney(o.observedPrice, i18n.language)}
                </td>
                <td data-label={t("market.ourPrice")} className="num money">
                  {o.ourPrice ? formatMoney(o.ourPrice, i18n.language) : "—"}
                </td>
                <td data-label={t("market.observedOn")}>{formatDate(o.observedOn, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && rows.length > 0 && <p className="muted">{t("market.anonymous")}</p>}
    </section>
  );
}

/** The reports: a dealer's own, or for staff their dealers', filtered by territory, product and period (kept in the URL). */
function Reports({
  territories,
  products,
  staff,
  sent,
}: {
  territories: Option[];
  products: Option[];
  staff: boolean;
  sent: number;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filters = {
    territoryID: params.get("territory") || null,
    productID: params.get("product") || null,
    from: params.get("from") || null,
    to: params.get("to") || null,
  };
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    ...filters,
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: MarketReportsQuery, variables });
  useEffect(() => {
    if (sent) refetch({ requestPolicy: "network-only" });
  }, [sent, refetch]);
  const update = (patch: Record<string, string | undefined>) => {
    const next: Record<string, string> = {};
    const merged: Record<string, string | null | undefined> = {
      territory: filters.territoryID,
      product: filters.productID,
      from: filters.from,
      to: filters.to,
      ...patch,
    };
    for (const [k, v] of Object.entries(merged)) if (v) next[k] = v;
    setParams(next);
  };
  const list = data?.marketReports;
  const reports = (list?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <section aria-labelledby="market-reports">
      <h2 id="market-reports">{staff ? t("market.reports") : t("market.yourReports")}</h2>
      {staff && (
        <div className="filter">
          <label htmlFor={`${id}-t`}>{t("market.territory")}</label>
          <select id={`${id}-t`} value={filters.territoryID ?? ""} onChange={(e) => update({ territory: e.target.value })}>
            <option value="">{t("market.allTerritories")}</option>
            {territories.map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x, i18n.language)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-p`}>{t("market.product")}</label>
          <select id={`${id}-p`} value={filters.productID ?? ""} onChange={(e) => update({ product: e.target.value })}>
            <option value="">{t("market.allProducts")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p, i18n.language)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-from`}>{t("market.from")}</label>
          <input id={`${id}-from`} type="date" value={filters.from ?? ""} onChange={(e) => update({ from: e.target.value })} />
          <label htmlFor={`${id}-to`}>{t("market.to")}</label>
          <input id={`${id}-to`} type="date" value={filters.to ?? ""} onChange={(e) => update({ to: e.target.value })} />
        </div>
      )}
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !reports.length ? (
        <Empty>{t("market.noReports")}</Empty>
      ) : (
        <>
          <p className="count">{t("market.count", { count: list?.totalCount ?? 0 })}</p>
          <table className="table market-reports">
            <thead>
              <tr>
                <th scope="col">{t("market.observedOn")}</th>
                {staff && <th scope="col">{t("market.dealer")}</th>}
                <th scope="col">{t("market.territory")}</th>
                <th scope="col">{t("market.product")}</th>
                <th scope="col">{t("market.competitor")}</th>
                <th scope="col" className="num">
                  {t("market.observedPrice")}
                </th>
                <th scope="col">{t("market.reportedBy")}</th>
                <th scope="col">{t("market.note")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-competitor={r.competitor}>
                  <th scope="row" data-label={t("market.observedOn")}>
                    {formatDate(r.observedOn, i18n.language)}
                  </th>
                  {staff && <td data-label={t("market.dealer")}>{r.dealer.name}</td>}
                  <td data-label={t("market.territory")}>{localName(r.territory, i18n.language)}</td>
                  <td data-label={t("market.product")}>
                    {localName(r.product, i18n.language)} <span className="muted mono">{r.product.sku}</span>
                  </td>
                  <td data-label={t("market.competitor")}>{r.competitor}</td>
                  <td data-label={t("market.observedPrice")} className="num money">
                    {formatMoney(r.observedPrice, i18n.language)}
                  </td>
                  <td data-label={t("market.reportedBy")}>
                    {r.reportedByName} <span className="muted">{formatTime(r.reportedAt, i18n.language)}</span>
                  </td>
                  <td data-label={t("market.note")}>
                    {r.note}
                    <Attachments compact parentID={r.id} attachments={r.attachments} onChange={() => refetch({ requestPolicy: "network-only" })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list && <Pager pageInfo={list.pageInfo} onPage={(p) => update({ after: p.after, before: p.before })} />}
        </>
      )}
    </section>
  );
}

import { useEffect, useId, useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatMoney } from "../format";
import { FieldError, GeneralErrors } from "./fields";
import { localName } from "../i18n/localName";

const PAGE_SIZE = 12;

export const InventoryOptionsQuery = graphql(`
  query InventoryOptions {
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
  }
`);

export const InventoryReportsQuery = graphql(`
  query InventoryReports($first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    inventoryReports(first: $first, after: $after, last: $last, before: $before) {
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
          reportedOn
          recordedByName
          lines {
            id
            stock
            unitCost
            sku
            productName
          }
        }
      }
    }
  }
`);

export const ReportInventoryMutation = graphql(`
  mutation ReportInventory($input: ReportInventoryInput!) {
    reportInventory(input: $input) {
      id
    }
  }
`);

type Row = { productID: string; stock: string };

/** A dealer's stock counts: report one (date, a line per product) and read the past ones. */
export function Inventory() {
  const { t } = useTranslation();
  usePageTitle(t("facts.inventoryTitle"));
  const [sent, setSent] = useState(0);
  const [{ data, error }] = useQuery({ query: InventoryOptionsQuery });
  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const products = (data.products.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="inventory-title">
      <h1 id="inventory-title">{t("facts.inventoryTitle")}</h1>
      <p className="lead">{t("facts.inventoryIntro")}</p>
      <InventoryForm products={products} today={data.settings.today} onSent={() => setSent((n) => n + 1)} />
      <PastReports sent={sent} />
    </section>
  );
}

function InventoryForm({
  products,
  today,
  onSent,
}: {
  products: { id: string; sku: string; name: string; nameZh?: string | null }[];
  today: string;
  onSent: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [date, setDate] = useState(today);
  const [rows, setRows] = useState<Row[]>([{ productID: "", stock: "" }]);
  const [done, setDone] = useState(false);
  const [{ fetching, error }, submit] = useMutation(ReportInventoryMutation);
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("facts.reportStock")}</h2>
      <form
        className="form facts-form inventory-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setDone(false);
          // A stock left empty is sent as it is: the API says what is wrong.
          const lines = rows.map((r) => ({ productID: r.productID, stock: r.stock.trim() === "" ? -1 : Number(r.stock) }));
          const r = await submit({ input: { date, lines } });
          if (!r.error) {
            setRows([{ productID: "", stock: "" }]);
            setDone(true);
            onSent();
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("facts.countedOn")}</label>
          <input id={`${id}-date`} name="date" type="date" max={today} value={date} onChange={(e) => setDate(e.target.value)} />
          <FieldError error={error} name="date" />
        </div>
        <table className="table inventory-lines">
          <thead>
            <tr>
              <th scope="col">{t("facts.product")}</th>
              <th scope="col" className="num">
                {t("facts.stock")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("facts.removeLine")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-line={i}>
                <td data-label={t("facts.product")}>
                  <select
                    aria-label={t("facts.product")}
                    name="productID"
                    value={r.productID}
                    onChange={(e) => setRow(i, { productID: e.target.value })}
                  >
                    <option value="">{t("facts.chooseProduct")}</option>
                    {products.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.sku} {localName(p, i18n.language)}
                      </option>
                    ))}
                  </select>
                  <FieldError error={error} name="productID" line={i} />
                </td>
                <td data-label={t("facts.stock")} className="num">
                  <input
                    aria-label={t("facts.stock")}
                    name="stock"
                    type="number"
                    min={0}
                    step={1}
                    inputMode="numeric"
                    value={r.stock}
                    onChange={(e) => setRow(i, { stock: e.target.value })}
                  />
                  <FieldError error={error} name="stock" line={i} />
                </td>
                <td>
                  {rows.length > 1 && (
                    <button type="button" className="button button-quiet" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                      {t("facts.removeLine")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <FieldError error={error} name="lines" />
        <GeneralErrors error={error} fields={["date", "productID", "stock", "lines"]} />
        <p className="actions-row">
          <button type="button" className="button add-line" onClick={() => setRows((rs) => [...rs, { productID: "", stock: "" }])}>
            {t("facts.addLine")}
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            {t("facts.sendStock")}
          </button>
          <span role="status" className="muted facts-done">
            {done ? t("facts.stockSent") : ""}
          </span>
        </p>
      </form>
    </section>
  );
}

/** The dealer's past counts, newest first, a line per product. */
function PastReports({ sent }: { sent: number }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const after = params.get("after");
  const before = params.get("before");
  const variables = before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null };
  const [{ data, error }, refetch] = useQuery({ query: InventoryReportsQuery, variables });
  useEffect(() => {
    if (sent) refetch({ requestPolicy: "network-only" });
  }, [sent, refetch]);
  const list = data?.inventoryReports;
  const reports = (list?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="inventory-past">
      <h2 id="inventory-past">{t("facts.pastCounts")}</h2>
      {error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !data ? (
        <Loading />
      ) : !reports.length ? (
        <Empty>{t("facts.noCounts")}</Empty>
      ) : (
        <>
          <p className="count">{t("facts.countCounts", { count: list?.totalCount ?? 0 })}</p>
          <ul className="inventory-reports">
            {reports.map((r) => (
              <li key={r.id} className="inventory-report" data-date={r.reportedOn}>
                <p>
                  <strong>{formatDate(r.reportedOn, i18n.language)}</strong> <span className="muted">{t("facts.by", { name: r.recordedByName })}</span>
                </p>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("facts.product")}</th>
                      <th scope="col" className="num">
                        {t("facts.stock")}
                      </th>
                      <th scope="col" className="num">
                        {t("facts.unitCost")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(r.lines ?? []).map((l) => (
                      <tr key={l.id} className={l.stock === 0 ? "out-of-stock" : undefined}>
                        <th scope="row" data-label={t("facts.product")}>
                          {l.productName} <span className="muted mono">{l.sku}</span>
                        </th>
                        <td data-label={t("facts.stock")} className="num">
                          {l.stock === 0 ? t("facts.outOfStock") : l.stock}
                        </td>
                        <td data-label={t("facts.unitCost")} className="num money">
                          {formatMoney(l.unitCost, i18n.language)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            ))}
          </ul>
          {list && <Pager pageInfo={list.pageInfo} onPage={(p) => setParams(p.after ? { after: p.after } : p.before ? { before: p.before } : {})} />}
        </>
      )}
    </section>
  );
}

import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { StockCell } from "./StockCell";
import { StockImport } from "./StockImport";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney, formatDate } from "../format";
import { localCategory, localName } from "../i18n/localName";
import { Pager } from "../components/Pager";
import { CatalogueCategoriesQuery } from "../pages/Catalogue";

// A page of products with every price of each: within the API's cost limit.
const PAGE_SIZE = 50;

export const PriceListQuery = graphql(`
  query PriceList($category: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    settings {
      today
      currency
    }
    products(
      where: { active: true, category: $category }
      orderBy: { field: SKU }
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
          sku
          name
          nameZh
          category
          categoryZh
          listPrice
          leadTimeDays
          stock {
            onHand
            reserved
            available
          }
          availability {
            state
            available
            leadTimeDays
          }
          prices {
            id
            tier
            amount
            validFrom
            validTo
            channel {
              id
              name
              nameZh
            }
          }
        }
      }
    }
  }
`);

type Validity = "current" | "future" | "past";

/** Where a price's validity stands on the business date today (dates compare as YYYY-MM-DD). */
export function validity(p: { validFrom: string; validTo?: string | null }, today: string): Validity {
  if (p.validFrom > today) return "future";
  if (p.validTo && p.validTo < today) return "past";
  return "current";
}

/**
 * The manufacturer's price list for its staff: every active product with its
 * list price and its prices by tier and channel, each with its validity.
 * Dealers see their own price in the catalogue instead.
 */
export function PriceList() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("priceList.title"));
  const categoryId = useId();
  const [params, setParams] = useSearchParams();
  const category = params.get("category") ?? "";
  const after = params.get("after");
  const before = params.get("before");
  const [showPast, setShowPast] = useState(false);
  const [{ data: viewer }] = useViewer();
  const admin = viewer?.me.role === "ADMIN";
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PriceListQuery,
    variables: { category: category || null, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) },
  });
  const [{ data: cats }] = useQuery({ query: CatalogueCategoriesQuery });
  const setCategory = (c: string) => setParams(c ? { category: c } : {});
  const page = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (category) next.category = category;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (fetching && !data) return <Loading />;
  const today = data?.settings.today ?? "";
  const products = (data?.products.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const categories = [
    ...new Map((cats?.products.edges ?? []).flatMap((e) => (e?.node ? [[e.node.category, e.node] as const] : []))).values(),
  ];
  const shown = products;
  const money = (s: string) => formatMoney(s, i18n.language);

  return (
    <section aria-labelledby="price-list-title" className="price-list">
      <h1 id="price-list-title">{t("priceList.title")}</h1>
      <p className="lead">{t("priceList.intro")}</p>
      <div className="catalogue-tools">
        <div className="filter">
          <label htmlFor={categoryId}>{t("catalogue.category")}</label>
          <select id={categoryId} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t("catalogue.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.category} value={c.category}>
                {localCategory(c, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={showPast} onChange={(e) => setShowPast(e.target.checked)} /> {t("priceList.showPast")}
        </label>
      </div>
      {admin && <StockImport onImported={() => refetch({ requestPolicy: "network-only" })} />}
      <p className="muted">
        {t("priceList.today", { date: formatDate(today, i18n.language) })}
        {data?.settings.currency ? ` · ${t("statement.currency", { currency: data.settings.currency })}` : ""}
      </p>
      {!shown.length ? (
        <Empty>{t("catalogue.empty")}</Empty>
      ) : (
        <table className="table price-table">
          <thead>
            <tr>
              <th scope="col">{t("catalogue.sku")}</th>
              <th scope="col">{t("catalogue.product")}</th>
              <th scope="col" className="num">
                {t("catalogue.listPrice")}
              </th>
              <th scope="col">{t("priceList.prices")}</th>
              <th scope="col">{t("stock.title")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => {
              const prices = [...(p.prices ?? [])]
                .filter((x) => showPast || validity(x, today) !== "past")
                .sort(
                  (a, b) =>
                    a.tier - b.tier ||
                    (a.channel?.name ?? "").localeCompare(b.channel?.name ?? "") ||
                    a.validFrom.localeCompare(b.validFrom),
                );
              return (
                <tr key={p.id} data-sku={p.sku}>
                  <td data-label={t("catalogue.sku")} className="mono">
                    {p.sku}
                  </td>
                  <th scope="row" data-label={t("catalogue.product")}>
                    {localName(p, i18n.language)}
                    <br />
                    <span className="muted">{localCategory(p, i18n.language)}</span>
                  </th>
                  <td data-label={t("catalogue.listPrice")} className="num money">
                    {money(p.listPrice)}
                  </td>
                  <td data-label={t("priceList.prices")}>
                    {!prices.length ? (
                      <span className="muted">{t("priceList.none")}</span>
                    ) : (
                      <ul className="price-rows">
                        {prices.map((x) => {
                          const v = validity(x, today);
                          return (
                            <li key={x.id} data-tier={x.tier} data-channel={x.channel?.name ?? ""} data-validity={v}>
                              <span className="price-who">
                                {t(`tier.${x.tier}`)} · {x.channel ? localName(x.channel, i18n.language) : t("priceList.allChannels")}
                              </span>{" "}
                              <strong className="money">{money(x.amount)}</strong>{" "}
                              <span className={`badge price-${v}`}>{t(`priceList.validity.${v}`)}</span>{" "}
                              <span className="muted price-dates">
                                {x.validTo
                                  ? t("priceList.fromTo", { from: formatDate(x.validFrom, i18n.language), to: formatDate(x.validTo, i18n.language) })
                                  : t("priceList.from", { from: formatDate(x.validFrom, i18n.language) })}
                              </span>
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                  <td data-label={t("stock.title")}>
                    <StockCell product={p} editable={admin} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && <Pager pageInfo={data.products.pageInfo} onPage={page} />}
    </section>
  );
}

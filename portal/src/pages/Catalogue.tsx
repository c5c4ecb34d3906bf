import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Pager } from "../components/Pager";
import { SearchForm } from "../components/SearchForm";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { useListParams } from "../components/useListParams";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney } from "../format";
import { percent } from "../promotions/format";
import { useViewer } from "../auth/viewer";
import { setQuantity, useCart } from "../orders/cart";
import { useSettings } from "../orders/settings";

const PAGE_SIZE = 50;

export const CatalogueQuery = graphql(`
  query Catalogue($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    products(
      where: { active: true, nameContainsFold: $q }
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
          category
          listPrice
          price
          promotedPrice
          promotions {
            id
            name
            discountBasisPoints
            minQuantity
          }
        }
      }
    }
  }
`);

/**
 * Active products, and for a dealer user the price it pays today (the one
 * placing an order copies, as the API says). Staff have no price of their
 * own: they see the list price.
 */
export function Catalogue() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("catalogue.title"));
  const { q, variables, search, page } = useListParams(PAGE_SIZE);
  const [{ data, error, fetching }, refetch] = useQuery({ query: CatalogueQuery, variables });
  const products = data?.products;
  // A dealer user orders from here: a quantity per product, then review.
  const [{ data: viewer }] = useViewer();
  const ordering = viewer?.me.role === "DEALER";
  const cart = useCart();
  const { maxLineQuantity } = useSettings();
  const quantities = new Map(cart.map((l) => [l.productID, l.quantity]));
  const units = cart.reduce((n, l) => n + l.quantity, 0);

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      <SearchForm
        label={t("catalogue.search")}
        submitLabel={t("catalogue.searchSubmit")}
        value={q}
        onSearch={search}
      />
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !products || products.totalCount === 0 ? (
        <Empty>{t("catalogue.empty")}</Empty>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {t("catalogue.count", { count: products.totalCount })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("catalogue.sku")}</th>
                <th scope="col">{t("catalogue.product")}</th>
                <th scope="col">{t("catalogue.category")}</th>
                <th scope="col" className="num">
                  {t("catalogue.listPrice")}
                </th>
                {ordering && (
                  <th scope="col" className="num">
                    {t("catalogue.yourPrice")}
                  </th>
                )}
                {ordering && (
                  <th scope="col" className="num">
                    {t("catalogue.quantity")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {products.edges?.map((edge) => {
                const p = edge?.node;
                if (!p) return null;
                return (
                  <tr key={p.id} data-sku={p.sku}>
                    <td data-label={t("catalogue.sku")} className="mono">
                      {p.sku}
                    </td>
                    <th scope="row" data-label={t("catalogue.product")}>
                      {p.name}
                    </th>
                    <td data-label={t("catalogue.category")}>{p.category}</td>
                    <td data-label={t("catalogue.listPrice")} className="num money">
                      {formatMoney(p.listPrice, i18n.language)}
                    </td>
                    {ordering && (
                      <td data-label={t("catalogue.yourPrice")} className="num">
                        {p.price ? (
                          <span className={`money price${p.promotedPrice ? " price-was" : ""}`}>{formatMoney(p.price, i18n.language)}</span>
                        ) : (
                          <span className="muted">{t("catalogue.noPrice")}</span>
                        )}
                        {p.price && p.promotedPrice && (
                          <span className="money price promoted-price" data-promoted={p.sku}>
                            {formatMoney(p.promotedPrice, i18n.language)}
                          </span>
                        )}
                        {p.promotions.map((promo) => (
                          <span key={promo.id} className="promo-tag" data-promotion={promo.name}>
                            {promo.name} · −{percent(promo.discountBasisPoints, i18n.language)}
                            {promo.minQuantity ? ` · ${t("promotions.fromQuantity", { count: promo.minQuantity })}` : ""}
                          </span>
                        ))}
                      </td>
                    )}
                    {ordering && (
                      <td data-label={t("catalogue.quantity")} className="num">
                        <input
                          type="number"
                          className="qty"
                          min={0}
                          max={maxLineQuantity}
                          step={1}
                          inputMode="numeric"
                          disabled={!p.price}
                          value={quantities.get(p.id) ?? ""}
                          placeholder="0"
                          aria-label={t("catalogue.quantityOf", { name: p.name })}
                          onChange={(e) =>
                            setQuantity(
                              { productID: p.id, sku: p.sku, name: p.name, unitPrice: p.price ?? null },
                              e.target.valueAsNumber,
                            )
                          }
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={products.pageInfo} onPage={page} />
          {ordering && cart.length > 0 && (
            <div className="order-bar" role="region" aria-label={t("catalogue.yourOrder")}>
              <span>{t("catalogue.inOrder", { count: cart.length, units })}</span>
              <Link className="button button-primary" to="/orders/new">
                {t("catalogue.review")}
              </Link>
            </div>
          )}
        </>
      )}
    </section>
  );
}

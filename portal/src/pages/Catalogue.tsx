import { useId } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Pager } from "../components/Pager";
import { SearchForm } from "../components/SearchForm";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney } from "../format";
import { percent } from "../promotions/format";
import { useViewer } from "../auth/viewer";
import { setQuantity, useCart } from "../orders/cart";
import { useSettings } from "../orders/settings";
import { localCategory, localName } from "../i18n/localName";
import { OrderBar } from "../catalogue/OrderBar";
import { QuickEntry } from "../catalogue/QuickEntry";
import { PriceList } from "../catalogue/PriceList";
import { Availability } from "../catalogue/Availability";

const PAGE_SIZE = 50;

export const CatalogueQuery = graphql(`
  query Catalogue($q: String, $category: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    products(
      where: { active: true, nameContainsFold: $q, category: $category }
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
          price
          promotedPrice
          availability {
            state
            available
            leadTimeDays
          }
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

// The categories to filter by: those of the active products.
export const CatalogueCategoriesQuery = graphql(`
  query CatalogueCategories {
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          category
          categoryZh
        }
      }
    }
  }
`);

/** The catalogue's search, category and page, kept in the URL so a list can be shared and reloaded as it is. */
function useCatalogueParams() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const category = params.get("category") ?? "";
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    q: q || null,
    category: category || null,
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  const go = (next: { q?: string; category?: string; after?: string; before?: string }) => {
    const p: Record<string, string> = {};
    for (const [k, v] of Object.entries(next)) if (v) p[k] = v;
    setParams(p);
  };
  return {
    q,
    category,
    variables,
    search: (next: string) => go({ q: next, category }),
    filter: (next: string) => go({ q, category: next }),
    page: (p: { after?: string; before?: string }) => go({ q, category, ...p }),
  };
}

/**
 * Active products, and for a dealer user the price it pays today (the one
 * placing an order copies, as the API says), with quick entry by SKU and the
 * order's running value. Staff order nothing here: they get the price list.
 */
export function Catalogue() {
  const [{ data: viewer }] = useViewer();
  const role = viewer?.me.role;
  if (!role) return null;
  if (role !== "DEALER") return <PriceList />;
  return <DealerCatalogue />;
}

function DealerCatalogue() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("catalogue.title"));
  const categoryId = useId();
  const { q, category, variables, search, filter, page } = useCatalogueParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CatalogueQuery, variables });
  const [{ data: cats }] = useQuery({ query: CatalogueCategoriesQuery });
  const products = data?.products;
  const cart = useCart();
  const { maxLineQuantity } = useSettings();
  const quantities = new Map(cart.map((l) => [l.productID, l.quantity]));
  const categories = [
    ...new Map((cats?.products.edges ?? []).flatMap((e) => (e?.node ? [[e.node.category, e.node] as const] : []))).values(),
  ].sort((a, b) => localCategory(a, i18n.language).localeCompare(localCategory(b, i18n.language), i18n.language));

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      <div className="catalogue-tools">
        <SearchForm label={t("catalogue.search")} submitLabel={t("catalogue.searchSubmit")} value={q} onSearch={search} />
        <div className="filter">
          <label htmlFor={categoryId}>{t("catalogue.category")}</label>
          <select id={categoryId} name="category" value={category} onChange={(e) => filter(e.target.value)}>
            <option value="">{t("catalogue.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.category} value={c.category}>
                {localCategory(c, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QuickEntry maxLineQuantity={maxLineQuantity} />
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
                <th scope="col" className="num">
                  {t("catalogue.yourPrice")}
                </th>
                <th scope="col">{t("stock.availability")}</th>
                <th scope="col" className="num">
                  {t("catalogue.quantity")}
                </th>
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
                      {localName(p, i18n.language)}
                    </th>
                    <td data-label={t("catalogue.category")}>{localCategory(p, i18n.language)}</td>
                    <td data-label={t("catalogue.listPrice")} className="num money">
                      {formatMoney(p.listPrice, i18n.language)}
                    </td>
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
                    <td data-label={t("stock.availability")}>
                      <Availability availability={p.availability} />
                    </td>
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
                        aria-label={t("catalogue.quantityOf", { name: localName(p, i18n.language) })}
                        onChange={(e) =>
                          setQuantity(
                            { productID: p.id, sku: p.sku, name: p.name, nameZh: p.nameZh, unitPrice: p.price ?? null },
                            e.target.valueAsNumber,
                          )
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={products.pageInfo} onPage={page} />
        </>
      )}
      <OrderBar cart={cart} />
    </section>
  );
}

import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { DealerStatusSummary } from "../components/DealerStatusSummary";
import { Pager } from "../components/Pager";
import { SearchForm } from "../components/SearchForm";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { useListParams } from "../components/useListParams";
import { usePageTitle } from "../components/usePageTitle";

const PAGE_SIZE = 20;

export const DealersQuery = graphql(`
  query Dealers($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    dealers(
      where: { nameContainsFold: $q }
      orderBy: { field: NAME }
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
          code
          name
          tier
          status
          channel {
            id
            name
          }
          territories {
            id
            name
          }
        }
      }
    }
  }
`);

/** The dealers this manager or administrator may see, searchable by name. */
export function Dealers() {
  const { t } = useTranslation();
  usePageTitle(t("dealers.title"));
  const { q, variables, search, page } = useListParams(PAGE_SIZE);
  const [{ data, error, fetching }, refetch] = useQuery({ query: DealersQuery, variables });
  const dealers = data?.dealers;

  return (
    <section aria-labelledby="dealers-title">
      <h1 id="dealers-title">{t("dealers.title")}</h1>
      <DealerStatusSummary />
      <SearchForm label={t("dealers.search")} submitLabel={t("dealers.searchSubmit")} value={q} onSearch={search} />
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !dealers || dealers.totalCount === 0 ? (
        <Empty>{t("dealers.empty")}</Empty>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {t("dealers.count", { count: dealers.totalCount })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("dealers.code")}</th>
                <th scope="col">{t("dealers.name")}</th>
                <th scope="col">{t("dealers.tier")}</th>
                <th scope="col">{t("dealers.channel")}</th>
                <th scope="col">{t("dealers.territories")}</th>
                <th scope="col">{t("dealers.status")}</th>
              </tr>
            </thead>
            <tbody>
              {dealers.edges?.map((edge) => {
                const d = edge?.node;
                if (!d) return null;
                return (
                  <tr key={d.id}>
                    <td data-label={t("dealers.code")} className="mono">
                      {d.code}
                    </td>
                    <th scope="row" data-label={t("dealers.name")}>
                      <Link to={`/dealers/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                    </th>
                    <td data-label={t("dealers.tier")}>{t(`tier.${d.tier}`)}</td>
                    <td data-label={t("dealers.channel")}>{d.channel.name}</td>
                    <td data-label={t("dealers.territories")}>{d.territories?.map((x) => x.name).join(", ")}</td>
                    <td data-label={t("dealers.status")}>
                      <span className={`badge badge-${d.status.toLowerCase()}`}>{t(`status.${d.status}`)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager pageInfo={dealers.pageInfo} onPage={page} />
        </>
      )}
    </section>
  );
}

import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { PolicyAudience } from "../policy/PolicyAudience";
import { refusal } from "../errors";
import { percent } from "../promotions/format";
import { formatDateRange } from "../format";

export const PromotionsQuery = graphql(`
  query Promotions {
    promotions(first: 50) {
      totalCount
      edges {
        node {
          id
          name
          status
          current
          discountBasisPoints
          minQuantity
          validFrom
          validTo
          stacks
          categories
          products {
            id
            sku
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`);

export const WithdrawPromotionMutation = graphql(`
  mutation WithdrawPromotion($id: ID!) {
    withdrawPromotion(id: $id) {
      id
      status
      current
      withdrawnAt
    }
  }
`);

/** The manufacturer's promotions, newest first: current, coming, ended or withdrawn; each may be changed or withdrawn. */
export function Promotions() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("promotions.title"));
  const [{ data, error, fetching }, refetch] = useQuery({ query: PromotionsQuery });
  const [withdrawState, withdraw] = useMutation(WithdrawPromotionMutation);
  const rows = (data?.promotions.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const stateOf = (p: (typeof rows)[number]) =>
    p.status === "WITHDRAWN" ? "withdrawn" : p.current ? "current" : "notCurrent";

  return (
    <section aria-labelledby="promotions-title">
      <h1 id="promotions-title">{t("promotions.title")}</h1>
      <p className="lead">{t("promotions.intro")}</p>
      <p className="actions-row">
        <Link className="button button-primary" to="/promotions/new" data-action="new-promotion">
          {t("promotions.new")}
        </Link>
      </p>
      {withdrawState.error && (
        <p className="field-error" role="alert">
          {refusal(t, withdrawState.error)}
        </p>
      )}
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : rows.length === 0 ? (
        <Empty>{t("promotions.empty")}</Empty>
      ) : (
        <table className="table promotions">
          <thead>
            <tr>
              <th scope="col">{t("promotions.name")}</th>
              <th scope="col" className="num">
                {t("promotions.discountField")}
              </th>
              <th scope="col">{t("promotions.covers")}</th>
              <th scope="col">{t("promotions.audience")}</th>
              <th scope="col">{t("promotions.dates")}</th>
              <th scope="col">{t("promotions.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("promotions.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-promotion={p.name}>
                <th scope="row" data-label={t("promotions.name")}>
                  {p.name}
                </th>
                <td data-label={t("promotions.discountField")} className="num">
                  −{percent(p.discountBasisPoints, i18n.language)}
                  {p.minQuantity ? <span className="muted"> · {t("promotions.fromQuantity", { count: p.minQuantity })}</span> : null}
                  {p.stacks ? <span className="muted"> · {t("promotions.stacksShort")}</span> : null}
                </td>
                <td data-label={t("promotions.covers")}>
                  {!p.products?.length && !p.categories?.length
                    ? t("promotions.everyProduct")
                    : [...(p.categories ?? []), ...(p.products ?? []).map((x) => x.sku)].join(", ")}
                </td>
                <td data-label={t("promotions.audience")}>
                  <PolicyAudience audience={p.audience} />
                </td>
                <td data-label={t("promotions.dates")}>
                  {formatDateRange(p.validFrom, p.validTo, i18n.language)}
                </td>
                <td data-label={t("promotions.state")}>
                  <span className={`badge badge-${stateOf(p)}`}>{t(`promotions.states.${stateOf(p)}`)}</span>
                </td>
                <td>
                  {p.status === "ACTIVE" && (
                    <span className="actions-row">
                      <Link className="button" to={`/promotions/${encodeURIComponent(p.id)}/edit`}>
                        {t("promotions.edit")}
                      </Link>
                      <button
                        type="button"
                        className="button button-quiet"
                        data-action="withdraw"
                        disabled={withdrawState.fetching}
                        onClick={() => {
                          if (window.confirm(t("promotions.confirmWithdraw", { name: p.name }))) void withdraw({ id: p.id });
                        }}
                      >
                        {t("promotions.withdraw")}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { PolicyAudience } from "../policy/PolicyAudience";
import { formatMoney } from "../format";
import { formatRate } from "../incentive/incentive";

export const RebateProgramsQuery = graphql(`
  query RebatePrograms($first: Int) {
    rebatePrograms(first: $first) {
      totalCount
      edges {
        node {
          id
          name
          periodKind
          firstPeriod
          lastPeriod
          currentPeriod
          tierMode
          tiers {
            threshold
            rateBasisPoints
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`);

/** The rebate programs staff may read, newest first, each with its kind, mode and ladder; admins start new ones here. */
export function RebatePrograms() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  usePageTitle(t("incentives.programsTitle"));
  const [{ data: viewer }] = useViewer();
  const admin = viewer?.me.role === "ADMIN";
  const [{ data, error, fetching }, refetch] = useQuery({ query: RebateProgramsQuery, variables: { first: 50 } });
  const programs = (data?.rebatePrograms.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="rebates-title">
      <div className="page-head">
        <h1 id="rebates-title">{t("incentives.programsTitle")}</h1>
        {admin && (
          <Link className="button button-primary" to="/rebates/new" data-link="new-program">
            {t("incentives.newProgram")}
          </Link>
        )}
      </div>
      <p className="lead">{t("incentives.programsIntro")}</p>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !programs.length ? (
        <Empty>{t("incentives.noPrograms")}</Empty>
      ) : (
        <>
          <p className="count">{t("incentives.programCount", { count: data?.rebatePrograms.totalCount ?? 0 })}</p>
          <ul className="cards program-list">
            {programs.map((p) => (
              <li key={p.id} className="card" data-program={p.name}>
                <p className="card-title">
                  <Link to={`/rebates/${encodeURIComponent(p.id)}`}>{p.name}</Link>{" "}
                  <span className="badge">{t(`incentives.periodKind.${p.periodKind}`)}</span>{" "}
                  <span className="badge">{t(`incentives.tierMode.${p.tierMode}`)}</span>
                </p>
                <p className="muted">
                  {p.lastPeriod
                    ? t("incentives.runsFromTo", { first: p.firstPeriod, last: p.lastPeriod })
                    : t("incentives.runsFrom", { first: p.firstPeriod })}
                  {p.currentPeriod && <> · {t("incentives.currentPeriod", { period: p.currentPeriod })}</>}
                </p>
                <p>
                  {t("incentives.for")} <PolicyAudience audience={p.audience} />
                </p>
                <p className="tier-summary">
                  {p.tiers
                    .map((x) => t("incentives.tierWords", { rate: formatRate(x.rateBasisPoints, locale), amount: formatMoney(x.threshold, locale) }))
                    .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

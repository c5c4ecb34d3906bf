import { useCallback, useEffect, useId, useRef } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { QuotaCard } from "../incentive/QuotaCard";
import { RebateStatusCard } from "../incentive/RebateStatusCard";
import { periodOf } from "../incentive/incentive";

export const MyIncentivesDealersQuery = graphql(`
  query MyIncentivesDealers($id: ID!) {
    settings {
      today
    }
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        name
        subDealers {
          id
          code
          name
        }
      }
    }
  }
`);

export const MyIncentivesQuery = graphql(`
  query MyIncentives($id: ID!, $month: Period!, $quarter: Period!) {
    eventCursor
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        code
        name
        month: quotaProgress(period: $month) {
          ...QuotaFields
        }
        quarter: quotaProgress(period: $quarter) {
          ...QuotaFields
        }
        rebates {
          ...RebateStatusFields
        }
      }
    }
  }
`);

// A shipment leaving is what invoices an order, and invoices are a rebate's
// basis: the page reads its figures again when one goes in transit.
export const IncentiveDeliveriesSubscription = graphql(`
  subscription IncentiveDeliveries($after: String) {
    deliveryUpdated(after: $after) {
      cursor
      status
    }
  }
`);

/**
 * A dealer's incentives: this month's and this quarter's quota, and where it
 * stands in each rebate program it is in. A distributor can look at each of
 * its sub-dealers too. Every figure is the API's; live as shipments leave.
 */
export function MyIncentives() {
  const { t } = useTranslation();
  usePageTitle(t("incentives.title"));
  const pickId = useId();
  const [{ data: viewer }] = useViewer();
  const own = viewer?.me.dealer?.id ?? "";
  const [params, setParams] = useSearchParams();
  const [{ data: dealers }] = useQuery({ query: MyIncentivesDealersQuery, variables: { id: own }, pause: !own });
  const home = dealers?.node?.__typename === "Dealer" ? dealers.node : null;
  const subs = home?.subDealers ?? [];
  const chosen = params.get("dealer");
  const dealerID = chosen && subs.some((s) => s.id === chosen) ? chosen : own;
  const today = dealers?.settings.today;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: MyIncentivesQuery,
    variables: { id: dealerID, month: today ? periodOf("MONTH", today) : "", quarter: today ? periodOf("QUARTER", today) : "" },
    pause: !dealerID || !today,
  });
  const reload = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);

  // Read again when a shipment goes in transit (it is invoiced then).
  const cursor = useRef<string | null>(null);
  if (data?.eventCursor && !cursor.current) cursor.current = data.eventCursor;
  const [live] = useSubscription(
    { query: IncentiveDeliveriesSubscription, variables: { after: cursor.current }, pause: !cursor.current },
    (_prev: unknown, event: { deliveryUpdated: { cursor: string; status: string } }) => {
      if (event.deliveryUpdated.status === "IN_TRANSIT") reload();
      return event;
    },
  );
  useEffect(() => {
    if (live.error) reload();
  }, [live.error, reload]);

  const dealer = data?.node?.__typename === "Dealer" ? data.node : null;
  return (
    <section aria-labelledby="incentives-title" className="incentives">
      <div className="page-head">
        <h1 id="incentives-title">{t("incentives.title")}</h1>
        <button type="button" className="button" data-action="refresh" onClick={reload}>
          {t("incentives.refresh")}
        </button>
      </div>
      <p className="lead">{t("incentives.intro")}</p>
      {subs.length > 0 && (
        <div className="filter">
          <label htmlFor={pickId}>{t("incentives.showFor")}</label>
          <select
            id={pickId}
            name="dealer"
            value={dealerID}
            onChange={(e) => setParams(e.target.value === own ? {} : { dealer: e.target.value })}
          >
            <option value={own}>{home?.name}</option>
            {subs.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.code})
              </option>
            ))}
          </select>
        </div>
      )}
      {!own ? (
        <Empty>{t("incentives.noDealer")}</Empty>
      ) : fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !dealer ? (
        <Loading />
      ) : (
        <>
          {dealer.id !== own && <p className="eyebrow">{t("incentives.viewing", { name: dealer.name })}</p>}
          <h2 id="incentives-quota">{t("incentives.quotaTitle")}</h2>
          <ul className="cards quota-cards" aria-labelledby="incentives-quota">
            <QuotaCard kind="month" title={t("incentives.thisMonth")} progress={dealer.month} />
            <QuotaCard kind="quarter" title={t("incentives.thisQuarter")} progress={dealer.quarter} />
          </ul>
          <h2 id="incentives-rebates">{t("incentives.rebatesTitle")}</h2>
          {dealer.rebates.length === 0 ? (
            <Empty>{t("incentives.noRebates")}</Empty>
          ) : (
            <ul className="cards rebate-statuses" aria-labelledby="incentives-rebates">
              {dealer.rebates.map((s) => (
                <RebateStatusCard key={s.program.id} status={s} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { ErrorMessage } from "../components/States";
import { RebateStatusCard } from "./RebateStatusCard";

export const DealerRebatesQuery = graphql(`
  query DealerRebates($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        rebates {
          ...RebateStatusFields
        }
      }
    }
  }
`);

/** A dealer's rebate status for staff, on its page: read on its own, so the page never waits for it. */
export function DealerRebates({ dealerID }: { dealerID: string }) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: DealerRebatesQuery, variables: { id: dealerID } });
  const rebates = data?.node?.__typename === "Dealer" ? data.node.rebates : null;
  return (
    <section aria-labelledby="dealer-rebates" className="dealer-rebates">
      <h2 id="dealer-rebates">{t("incentives.dealerRebates")}</h2>
      {error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !rebates ? null : rebates.length === 0 ? (
        <p className="muted">{t("incentives.noRebatesStaff")}</p>
      ) : (
        <ul className="cards rebate-statuses">
          {rebates.map((s) => (
            <RebateStatusCard key={s.program.id} status={s} chart={false} />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { ErrorMessage } from "./States";

export const DealerStatusCountsQuery = graphql(`
  query DealerStatusCounts {
    active: dealers(where: { status: ACTIVE }) {
      totalCount
    }
    probation: dealers(where: { status: PROBATION }) {
      totalCount
    }
    suspended: dealers(where: { status: SUSPENDED }) {
      totalCount
    }
    terminated: dealers(where: { status: TERMINATED }) {
      totalCount
    }
  }
`);

/** How many of the dealers the viewer may see are in each status. */
export function DealerStatusSummary() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: DealerStatusCountsQuery });
  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return null;
  const counts = (
    [
      ["ACTIVE", data.active.totalCount],
      ["PROBATION", data.probation.totalCount],
      ["SUSPENDED", data.suspended.totalCount],
      ["TERMINATED", data.terminated.totalCount],
    ] as const
  ).map(([status, count]) => ({ status, label: t(`status.${status}`), count }));
  return (
    <figure className="summary" aria-labelledby="status-summary-title">
      <figcaption id="status-summary-title">{t("dealers.byStatus")}</figcaption>
      <ul className="summary-counts">
        {counts.map((c) => (
          <li key={c.status}>
            <span className={`badge badge-${c.status.toLowerCase()}`}>{c.label}</span> {c.count}
          </li>
        ))}
      </ul>
    </figure>
  );
}

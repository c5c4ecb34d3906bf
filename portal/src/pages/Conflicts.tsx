import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { ConflictSeverity, ConflictStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatTime } from "../format";

const PAGE_SIZE = 20;

export const CONFLICT_STATUSES: ConflictStatus[] = ["OPEN", "INVESTIGATING", "RESOLVED", "DISMISSED"];
export const CONFLICT_SEVERITIES: ConflictSeverity[] = ["HIGH", "MEDIUM", "LOW"];

export const ConflictCasesQuery = graphql(`
  query ConflictCases(
    $status: ConflictStatus
    $severity: ConflictSeverity
    $overdue: Boolean
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    conflictCases(
      status: $status
      severity: $severity
      overdue: $overdue
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
          number
          kind
          severity
          status
          summary
          dueOn
          overdue
          lastActivityAt
          territory {
            id
            name
            nameZh
          }
          parties {
            id
            name
          }
        }
      }
    }
  }
`);

function oneOf<T extends string>(values: T[], s: string | null): T | null {
  return s && (values as string[]).includes(s) ? (s as T) : null;
}

/** A status badge for a case. */
export function CaseStatus({ status }: { status: ConflictStatus }) {
  const { t } = useTranslation();
  return <span className={`badge case-${status.toLowerCase()}`}>{t(`conflictStatus.${status}`)}</span>;
}

/**
 * Conflict cases: a dealer's own (those it is a party to), with a way to
 * report one; for staff the conflict desk, overdue first (the API's order).
 */
export function Conflicts() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("conflicts.deskTitle") : t("conflicts.title");
  usePageTitle(title);
  const id = useId();
  const [params, setParams] = useSearchParams();
  const status = oneOf(CONFLICT_STATUSES, params.get("status"));
  const severity = oneOf(CONFLICT_SEVERITIES, params.get("severity"));
  const overdue = params.get("overdue") === "1";
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    status,
    severity,
    overdue: overdue || null,
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: ConflictCasesQuery, variables });
  const update = (patch: Record<string, string | undefined>) => {
    const merged: Record<string, string | null | undefined> = {
      status,
      severity,
      overdue: overdue ? "1" : undefined,
      ...patch,
    };
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v) next[k] = v;
    setParams(next);
  };
  const list = data?.conflictCases;
  const cases = (list?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <section aria-labelledby="conflicts-title">
      <div className="page-head">
        <h1 id="conflicts-title">{title}</h1>
        <Link className="button button-primary" to="/conflicts/new" data-link="new-case">
          {t("conflicts.report")}
        </Link>
      </div>
      <p className="lead">{staff ? t("conflicts.deskIntro") : t("conflicts.intro")}</p>
      <div className="filter">
        <label htmlFor={`${id}-status`}>{t("conflicts.status")}</label>
        <select id={`${id}-status`} value={status ?? ""} onChange={(e) => update({ status: e.target.value })}>
          <option value="">{t("conflicts.allStatuses")}</option>
          {CONFLICT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`conflictStatus.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-severity`}>{t("conflicts.severity")}</label>
        <select id={`${id}-severity`} value={severity ?? ""} onChange={(e) => update({ severity: e.target.value })}>
          <option value="">{t("conflicts.allSeverities")}</option>
          {CONFLICT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`conflictSeverity.${s}`)}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? "1" : undefined })} />{" "}
          {t("conflicts.overdueOnly")}
        </label>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : !cases.length ? (
        <Empty>{t("conflicts.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("conflicts.count", { count: list?.totalCount ?? 0 })}</p>
          <table className="table conflict-cases">
            <thead>
              <tr>
                <th scope="col">{t("conflicts.number")}</th>
                <th scope="col">{t("conflicts.summary")}</th>
                <th scope="col">{t("conflicts.parties")}</th>
                <th scope="col">{t("conflicts.severity")}</th>
                <th scope="col">{t("conflicts.status")}</th>
                <th scope="col">{t("conflicts.dueOn")}</th>
                <th scope="col">{t("conflicts.lastActivity")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} data-case={c.number} className={c.overdue ? "overdue" : undefined}>
                  <th scope="row" data-label={t("conflicts.number")} className="mono">
                    <Link to={`/conflicts/${encodeURIComponent(c.id)}`}>{c.number}</Link>
                  </th>
                  <td data-label={t("conflicts.summary")}>
                    <span className="muted">{t(`conflictKind.${c.kind}`)}</span> {c.summary}
                  </td>
                  <td data-label={t("conflicts.parties")}>{c.parties.map((p) => p.name).join(", ")}</td>
                  <td data-label={t("conflicts.severity")}>
                    <span className={`badge severity-${c.severity.toLowerCase()}`}>{t(`conflictSeverity.${c.severity}`)}</span>
                  </td>
                  <td data-label={t("conflicts.status")}>
                    <CaseStatus status={c.status} />
                  </td>
                  <td data-label={t("conflicts.dueOn")}>
                    {formatDate(c.dueOn, i18n.language)} {c.overdue && <span className="badge badge-terminated">{t("conflicts.overdue")}</span>}
                  </td>
                  <td data-label={t("conflicts.lastActivity")}>{formatTime(c.lastActivityAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list && <Pager pageInfo={list.pageInfo} onPage={(p) => update({ after: p.after, before: p.before })} />}
        </>
      )}
    </section>
  );
}

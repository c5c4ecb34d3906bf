import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { PolicyKind } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { AcknowledgeButton } from "../components/AcknowledgeButton";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { PolicyAudience } from "../policy/PolicyAudience";
import { formatDate, formatTime } from "../format";

const PAGE_SIZE = 20;

export const POLICY_KINDS: PolicyKind[] = ["PRICING", "REBATE", "PROMOTION", "CREDIT", "TERRITORY", "GENERAL"];

export const PoliciesQuery = graphql(`
  query Policies($kind: PolicyKind, $includeWithdrawn: Boolean, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    policies(kind: $kind, includeWithdrawn: $includeWithdrawn, first: $first, after: $after, last: $last, before: $before) {
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
          kind
          title
          version
          status
          effectiveFrom
          effectiveTo
          versionPublishedAt
          needsAcknowledgement
          acknowledgedAt
          acknowledgedCount
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`);

function isKind(s: string | null): s is PolicyKind {
  return !!s && (POLICY_KINDS as string[]).includes(s);
}

/**
 * The policies: for a dealer those addressed to it, what it still has to
 * acknowledge first (the API's order), each with who else it applies to;
 * for staff those they may manage, with how many have acknowledged.
 */
export function Policies() {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  usePageTitle(t("policies.title"));
  const kindId = useId();
  const [params, setParams] = useSearchParams();
  const kind = isKind(params.get("kind")) ? (params.get("kind") as PolicyKind) : null;
  const withdrawn = params.get("withdrawn") === "1";
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    kind,
    includeWithdrawn: withdrawn || null,
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }),
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: PoliciesQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const set = (next: { kind?: string | null; withdrawn?: boolean; after?: string; before?: string }) => {
    const p: Record<string, string> = {};
    const k = next.kind === undefined ? kind : next.kind;
    if (k) p.kind = k;
    if (next.withdrawn ?? withdrawn) p.withdrawn = "1";
    if (next.after) p.after = next.after;
    if (next.before) p.before = next.before;
    setParams(p);
  };
  const list = data?.policies;
  const policies = (list?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <section aria-labelledby="policies-title">
      <div className="page-head">
        <h1 id="policies-title">{t("policies.title")}</h1>
        {staff && (
          <Link className="button button-primary" to="/policies/new" data-link="new-policy">
            {t("policies.new")}
          </Link>
        )}
      </div>
      <p className="lead">{staff ? t("policies.staffIntro") : t("policies.intro")}</p>
      <div className="filter">
        <label htmlFor={kindId}>{t("policies.filterKind")}</label>
        <select id={kindId} value={kind ?? ""} onChange={(e) => set({ kind: e.target.value || null })}>
          <option value="">{t("policies.allKinds")}</option>
          {POLICY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`policyKind.${k}`)}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={withdrawn} onChange={(e) => set({ withdrawn: e.target.checked })} />{" "}
          {t("policies.includeWithdrawn")}
        </label>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !policies.length ? (
        <Empty>{t("policies.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("policies.count", { count: list?.totalCount ?? 0 })}</p>
          <ul className="cards policy-list">
            {policies.map((p) => (
              <li
                key={p.id}
                className={`card${p.needsAcknowledgement ? " card-attention" : ""}`}
                data-policy={p.title}
              >
                <p className="card-title">
                  <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</Link>{" "}
                  <span className="badge">{t(`policyKind.${p.kind}`)}</span>
                  {p.status === "WITHDRAWN" && <span className="badge badge-terminated">{t("policies.withdrawn")}</span>}
                </p>
                <p className="muted">
                  {t("policies.versionN", { version: p.version })} ·{" "}
                  {p.effectiveTo
                    ? t("policies.effectiveRange", { from: formatDate(p.effectiveFrom, i18n.language), to: formatDate(p.effectiveTo, i18n.language) })
                    : t("policies.effectiveFrom", { date: formatDate(p.effectiveFrom, i18n.language) })}
                </p>
                <p>
                  {t("policies.appliesTo")} <PolicyAudience audience={p.audience} />
                </p>
                {staff ? (
                  <p className="muted">{t("policies.acknowledgedBy", { count: p.acknowledgedCount ?? 0 })}</p>
                ) : p.needsAcknowledgement ? (
                  <>
                    <p className="badge badge-hold">{t("policies.needsAcknowledgement")}</p>
                    <AcknowledgeButton policyID={p.id} />
                  </>
                ) : p.acknowledgedAt ? (
                  <p className="muted">{t("policies.acknowledgedAt", { time: formatTime(p.acknowledgedAt, i18n.language) })}</p>
                ) : null}
              </li>
            ))}
          </ul>
          {list && <Pager pageInfo={list.pageInfo} onPage={(p) => set(p)} />}
        </>
      )}
    </section>
  );
}

import { lazy, Suspense, useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { AcknowledgeButton } from "../components/AcknowledgeButton";
import { PolicyBody } from "../components/LazyMarkdown";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { PolicyAudience } from "../policy/PolicyAudience";
import { changeCounts, changeRows } from "../policy/changes";
import { shareByChannel } from "../policy/share";
import { refusal } from "../errors";
import { formatDate, formatTime } from "../format";
import { localName } from "../i18n/localName";

// The chart library is large and only staff see the chart: it loads on its own.
const ShareChart = lazy(() => import("../policy/ShareChart"));

export const PolicyQuery = graphql(`
  query Policy($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        kind
        title
        body
        version
        acknowledgeVersion
        status
        effectiveFrom
        effectiveTo
        publishedAt
        versionPublishedAt
        publishedByName
        withdrawnAt
        withdrawalNote
        needsAcknowledgement
        acknowledgedAt
        audience {
          ...AudienceFields
        }
        versions {
          id
          version
          title
          effectiveFrom
          effectiveTo
          material
          publishedAt
          publishedByName
        }
      }
    }
  }
`);

export const PolicyChangesQuery = graphql(`
  query PolicyChanges($id: ID!, $from: Int, $to: Int) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        changes(from: $from, to: $to) {
          from
          to
          titleChanged
          effectiveChanged
          audienceChanged
          lines {
            op
            text
          }
        }
      }
    }
  }
`);

// For staff: who has acknowledged and who has not.
export const PolicyDashboardQuery = graphql(`
  query PolicyDashboard($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        acknowledgedCount
        pendingDealers(first: 100) {
          totalCount
          edges {
            node {
              id
              code
              name
              channel {
                id
                name
                nameZh
              }
            }
          }
        }
        acknowledgements {
          id
          version
          userName
          acknowledgedAt
          dealer {
            id
            name
            channel {
              id
              name
              nameZh
            }
          }
        }
      }
    }
  }
`);

export const RemindPolicyMutation = graphql(`
  mutation RemindPolicy($id: ID!) {
    remindPolicy(id: $id) {
      id
    }
  }
`);

export const WithdrawPolicyMutation = graphql(`
  mutation WithdrawPolicy($id: ID!, $note: String!) {
    withdrawPolicy(id: $id, note: $note) {
      id
      status
      withdrawnAt
      withdrawalNote
    }
  }
`);

/** One policy: its text, who it is for, its versions and what changed; acknowledging, or the staff's dashboard. */
export function PolicyDetail() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: PolicyQuery, variables: { id } });
  const policy = data?.node?.__typename === "ChannelPolicy" ? data.node : null;
  usePageTitle(policy?.title ?? t("policies.title"));
  const reload = () => refetch({ requestPolicy: "network-only" });

  const back = (
    <p className="back">
      <Link to="/policies">← {t("policies.back")}</Link>
    </p>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        {back}
        <ErrorMessage error={error} onRetry={reload} />
      </>
    );
  if (!policy)
    return (
      <>
        {back}
        <Empty>{t("policies.notFound")}</Empty>
      </>
    );
  const withdrawn = policy.status === "WITHDRAWN";

  return (
    <article aria-labelledby="policy-title" className="policy">
      {back}
      <p className="eyebrow">
        {t(`policyKind.${policy.kind}`)} · {t("policies.versionN", { version: policy.version })}
      </p>
      <h1 id="policy-title">{policy.title}</h1>
      {withdrawn && (
        <p className="notice notice-hold">
          {t("policies.withdrawnOn", { time: formatTime(policy.withdrawnAt ?? "", i18n.language) })}{" "}
          {policy.withdrawalNote}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t("policies.effective")}</dt>
          <dd>
            {policy.effectiveTo
              ? t("policies.range", { from: formatDate(policy.effectiveFrom, i18n.language), to: formatDate(policy.effectiveTo, i18n.language) })
              : t("policies.from", { date: formatDate(policy.effectiveFrom, i18n.language) })}
          </dd>
        </div>
        <div>
          <dt>{t("policies.appliesTo")}</dt>
          <dd>
            <PolicyAudience audience={policy.audience} />
          </dd>
        </div>
        <div>
          <dt>{t("policies.published")}</dt>
          <dd>
            {formatTime(policy.versionPublishedAt, i18n.language)} · {policy.publishedByName}
          </dd>
        </div>
      </dl>

      {!staff && (
        <div className="acknowledgement" data-field="acknowledgement">
          {policy.needsAcknowledgement ? (
            <>
              <p className="badge badge-hold">{t("policies.needsAcknowledgement")}</p>
              <AcknowledgeButton policyID={policy.id} />
            </>
          ) : policy.acknowledgedAt ? (
            <p className="badge badge-active">
              {t("policies.acknowledgedAt", { time: formatTime(policy.acknowledgedAt, i18n.language) })}
            </p>
          ) : null}
        </div>
      )}

      {staff && !withdrawn && (
        <p className="actions-row">
          <Link className="button" to={`/policies/${encodeURIComponent(policy.id)}/amend`} data-link="amend">
            {t("policies.amend")}
          </Link>
        </p>
      )}

      <section aria-labelledby="policy-body">
        <h2 id="policy-body" className="visually-hidden">
          {t("policies.body")}
        </h2>
        <PolicyBody source={policy.body} />
      </section>

      {staff && <Dashboard id={policy.id} withdrawn={withdrawn} />}

      <Versions id={policy.id} versions={policy.versions} />

      {staff && !withdrawn && <Withdraw id={policy.id} />}
    </article>
  );
}

type VersionRow = {
  id: string;
  version: number;
  title: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  material: boolean;
  publishedAt: string;
  publishedByName: string;
};

/** The versions, and the changes between two of them (by default the previous and the current). */
function Versions({ id, versions }: { id: string; versions: VersionRow[] }) {
  const { t, i18n } = useTranslation();
  const fromId = useId();
  const toId = useId();
  const [pick, setPick] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const several = versions.length > 1;
  const [{ data, error }] = useQuery({
    query: PolicyChangesQuery,
    variables: { id, from: pick.from, to: pick.to },
    pause: !several,
  });
  const changes = data?.node?.__typename === "ChannelPolicy" ? data.node.changes : null;
  const counts = changes ? changeCounts(changes.lines) : null;

  return (
    <section aria-labelledby="policy-versions">
      <h2 id="policy-versions">{t("policies.versions")}</h2>
      <ol className="history versions">
        {[...versions].reverse().map((v) => (
          <li key={v.id}>
            <span className="history-what">{t("policies.versionN", { version: v.version })}</span> {v.title}{" "}
            {v.version > 1 && (
              <span className="badge">{v.material ? t("policies.material") : t("policies.notMaterial")}</span>
            )}{" "}
            <span className="history-who">{v.publishedByName}</span>{" "}
            <time dateTime={v.publishedAt}>{formatTime(v.publishedAt, i18n.language)}</time>
          </li>
        ))}
      </ol>
      {several && (
        <>
          <h3>{t("policies.changes")}</h3>
          <div className="filter">
            <label htmlFor={fromId}>{t("policies.compareFrom")}</label>
            <select
              id={fromId}
              value={pick.from ?? changes?.from ?? ""}
              onChange={(e) => setPick((p) => ({ ...p, from: Number(e.target.value) }))}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  {t("policies.versionN", { version: v.version })}
                </option>
              ))}
            </select>
            <label htmlFor={toId}>{t("policies.compareTo")}</label>
            <select
              id={toId}
              value={pick.to ?? changes?.to ?? ""}
              onChange={(e) => setPick((p) => ({ ...p, to: Number(e.target.value) }))}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  {t("policies.versionN", { version: v.version })}
                </option>
              ))}
            </select>
          </div>
          {error && !data && <ErrorMessage error={error} />}
          {changes && counts && (
            <>
              <p className="muted">
                {t("policies.changeCounts", { added: counts.added, removed: counts.removed })}
                {changes.titleChanged && <> · {t("policies.titleChanged")}</>}
                {changes.effectiveChanged && <> · {t("policies.effectiveChanged")}</>}
                {changes.audienceChanged && <> · {t("policies.audienceChanged")}</>}
              </p>
              <ol className="changes" aria-label={t("policies.changes")}>
                {changeRows(changes.lines).map((r, i) =>
                  r.kind === "fold" ? (
                    <li key={i} className="change-fold">
                      {t("policies.unchangedLines", { count: r.count })}
                    </li>
                  ) : (
                    <li key={i} className={`change change-${r.op.toLowerCase()}`}>
                      <span className="change-sign" aria-hidden="true">
                        {r.sign}
                      </span>
                      {r.op !== "SAME" && <span className="visually-hidden">{t(`policies.op.${r.op}`)}</span>}
                      <span className="change-text">{r.text || " "}</span>
                    </li>
                  ),
                )}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** For staff: the share acknowledged per channel, and who is still to acknowledge, with a reminder to send. */
function Dashboard({ id, withdrawn }: { id: string; withdrawn: boolean }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: PolicyDashboardQuery, variables: { id } });
  const [remindState, remind] = useMutation(RemindPolicyMutation);
  const [reminded, setReminded] = useState(false);
  const policy = data?.node?.__typename === "ChannelPolicy" ? data.node : null;
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!policy) return null;
  const pending = (policy.pendingDealers?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const rows = shareByChannel({ acknowledgements: policy.acknowledgements ?? [], pending }, i18n.language);
  const pendingTotal = policy.pendingDealers?.totalCount ?? 0;

  return (
    <section aria-labelledby="policy-dashboard" className="policy-dashboard">
      <h2 id="policy-dashboard">{t("policies.dashboard")}</h2>
      <p>
        {t("policies.acknowledgedBy", { count: policy.acknowledgedCount ?? 0 })} ·{" "}
        {t("policies.pendingCount", { count: pendingTotal })}
      </p>
      {rows.length > 0 && (
        <figure className="chart" aria-labelledby="policy-share-title">
          <figcaption id="policy-share-title">{t("policies.shareByChannel")}</figcaption>
          <Suspense fallback={null}>
            <ShareChart rows={rows} />
          </Suspense>
          <table className="table share-table">
            <thead>
              <tr>
                <th scope="col">{t("policies.channel")}</th>
                <th scope="col" className="num">
                  {t("policies.acknowledged")}
                </th>
                <th scope="col" className="num">
                  {t("policies.pending")}
                </th>
                <th scope="col" className="num">
                  {t("policies.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.channelID}>
                  <th scope="row" data-label={t("policies.channel")}>
                    {r.channel}
                  </th>
                  <td data-label={t("policies.acknowledged")} className="num">
                    {r.acknowledged}
                  </td>
                  <td data-label={t("policies.pending")} className="num">
                    {r.pending}
                  </td>
                  <td data-label={t("policies.share")} className="num">
                    {r.share}%
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
      <h3>{t("policies.pendingDealers")}</h3>
      {!withdrawn && pendingTotal > 0 && (
        <p className="actions-row">
          <button
            type="button"
            className="button"
            data-action="remind"
            disabled={remindState.fetching}
            onClick={async () => {
              const r = await remind({ id });
              setReminded(!r.error);
            }}
          >
            {t("policies.remind")}
          </button>
          <span role="status" className="muted">
            {reminded ? t("policies.reminded") : ""}
          </span>
          {remindState.error && <span className="field-error">{refusal(t, remindState.error)}</span>}
        </p>
      )}
      {pending.length ? (
        <ul className="links pending-dealers">
          {pending.map((d) => (
            <li key={d.id} data-dealer={d.name}>
              <Link to={`/dealers/${encodeURIComponent(d.id)}`}>{d.name}</Link>{" "}
              <span className="muted mono">{d.code}</span> <span className="muted">{localName(d.channel, i18n.language)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t("policies.nonePending")}</Empty>
      )}
      {pendingTotal > pending.length && <p className="muted">{t("policies.morePending", { count: pendingTotal - pending.length })}</p>}
      <p>
        <button
          type="button"
          className="button button-quiet"
          data-action="refresh"
          onClick={() => refetch({ requestPolicy: "network-only" })}
        >
          {t("policies.refresh")}
        </button>
      </p>
    </section>
  );
}

/** Withdraw the policy, saying why. */
function Withdraw({ id }: { id: string }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [{ fetching, error }, withdraw] = useMutation(WithdrawPolicyMutation);
  if (!open)
    return (
      <p>
        <button type="button" className="button" data-action="withdraw" onClick={() => setOpen(true)}>
          {t("policies.withdraw")}
        </button>
      </p>
    );
  return (
    <form
      className="form withdraw-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await withdraw({ id, note });
        if (!r.error) setOpen(false);
      }}
    >
      <div className="field">
        <label htmlFor={noteId}>{t("policies.withdrawNote")}</label>
        <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} required />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {refusal(t, error)}
        </p>
      )}
      <p className="actions-row">
        <button type="submit" className="button button-primary" disabled={fetching}>
          {t("policies.withdrawConfirm")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t("policies.cancel")}
        </button>
      </p>
    </form>
  );
}

import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { FollowUpStatus, FollowUpsQuery as FollowUpsData } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { refusal } from "../errors";
import { formatDate, formatTime } from "../format";

const PAGE_SIZE = 50;
const STATUSES: FollowUpStatus[] = ["OPEN", "OVERDUE", "DONE"];

export const FollowUpFields = graphql(`
  fragment FollowUpFields on FollowUp {
    id
    dueOn
    text
    status
    assigneeName
    doneAt
    doneByName
    interaction {
      id
      kind
      subject
    }
    dealer {
      id
      code
      name
      owner {
        id
        name
      }
      channel {
        id
        managers {
          id
          name
        }
      }
    }
  }
`);

export const FollowUpsQuery = graphql(`
  query FollowUps($status: FollowUpStatus, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    myFollowUps(status: $status, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...FollowUpFields
        }
      }
    }
  }
`);

export const CompleteFollowUpMutation = graphql(`
  mutation CompleteFollowUp($id: ID!) {
    completeFollowUp(id: $id) {
      ...FollowUpFields
    }
  }
`);

export const ReassignFollowUpMutation = graphql(`
  mutation ReassignFollowUp($id: ID!, $assigneeID: ID!) {
    reassignFollowUp(id: $id, assigneeID: $assigneeID) {
      ...FollowUpFields
    }
  }
`);


type FollowUp = NonNullable<NonNullable<NonNullable<FollowUpsData["myFollowUps"]["edges"]>[number]>["node"]>;

function isStatus(s: string | null): s is FollowUpStatus {
  return !!s && (STATUSES as string[]).includes(s);
}

/**
 * The follow-ups assigned to the signed-in manager or administrator: the
 * overdue ones first, then the other open ones (earliest due first, as the
 * API gives them), each done or handed to a colleague from here.
 */
export function FollowUps() {
  const { t } = useTranslation();
  usePageTitle(t("followUps.title"));
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const status: FollowUpStatus = isStatus(params.get("status")) ? (params.get("status") as FollowUpStatus) : "OPEN";
  const after = params.get("after");
  const before = params.get("before");
  const variables = { status, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) };
  const [{ data, error, fetching }, refetch] = useQuery({ query: FollowUpsQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const list = data?.myFollowUps;
  const items = (list?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  // The API says which are overdue; they lead.
  const groups: { key: string; items: FollowUp[] }[] =
    status === "OPEN"
      ? [
          { key: "OVERDUE", items: items.filter((f) => f.status === "OVERDUE") },
          { key: "OPEN", items: items.filter((f) => f.status !== "OVERDUE") },
        ]
      : [{ key: status, items }];

  const setPage = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (status !== "OPEN") next.status = status;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };

  return (
    <section aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">{t("followUps.title")}</h1>
      <p className="lead">{t("followUps.intro")}</p>
      <div className="filter">
        <label htmlFor={filterId}>{t("followUps.filter")}</label>
        <select
          id={filterId}
          value={status}
          onChange={(e) => setParams(e.target.value === "OPEN" ? {} : { status: e.target.value })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`followUps.show.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !list || list.totalCount === 0 ? (
        <Empty>{t("followUps.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("followUps.count", { count: list.totalCount })}</p>
          {groups
            .filter((g) => g.items.length)
            .map((g) => (
              <section key={g.key} aria-labelledby={`follow-ups-${g.key}`} className="follow-up-group">
                <h2 id={`follow-ups-${g.key}`}>{t(`followUpStatus.${g.key}`)}</h2>
                <ul className="cards follow-ups">
                  {g.items.map((f) => (
                    <FollowUpCard key={f.id} followUp={f} onChanged={reload} />
                  ))}
                </ul>
              </section>
            ))}
          <Pager pageInfo={list.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function FollowUpCard({ followUp: f, onChanged }: { followUp: FollowUp; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [{ data: viewer }] = useViewer();
  const [completing, complete] = useMutation(CompleteFollowUpMutation);
  const [reassigning, reassign] = useMutation(ReassignFollowUpMutation);
  const [choosing, setChoosing] = useState(false);
  const [assigneeID, setAssigneeID] = useState("");
  const me = viewer?.me.id;
  const people = [...(f.dealer.owner ? [f.dealer.owner] : []), ...(f.dealer.channel.managers ?? [])];
  const seen = new Set<string>(me ? [me] : []);
  const choices = people.filter((u) => !seen.has(u.id) && seen.add(u.id));
  const problem = refusal(t, completing.error ?? reassigning.error, "followUps.refused");

  return (
    <li className={`card follow-up follow-up-${f.status.toLowerCase()}`} data-follow-up={f.id}>
      <p className="card-title">
        {f.text}{" "}
        <span className={`badge badge-follow-up-${f.status.toLowerCase()}`}>{t(`followUpStatus.${f.status}`)}</span>
      </p>
      <dl className="contact">
        <div>
          <dt>{t("followUps.dueOn")}</dt>
          <dd>{formatDate(f.dueOn, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("followUps.dealer")}</dt>
          <dd>
            <Link to={`/dealers/${encodeURIComponent(f.dealer.id)}`}>{f.dealer.name}</Link>{" "}
            <span className="muted mono">{f.dealer.code}</span>
          </dd>
        </div>
        <div>
          <dt>{t("followUps.from")}</dt>
          <dd>
            {t(`interactionKind.${f.interaction.kind}`)}: {f.interaction.subject}
          </dd>
        </div>
        {f.doneAt && (
          <div>
            <dt>{t("followUps.done")}</dt>
            <dd>{t("followUps.doneBy", { name: f.doneByName, at: formatTime(f.doneAt, i18n.language) })}</dd>
          </div>
        )}
      </dl>
      {f.status !== "DONE" && (
        <div className="actions-row">
          <button
            type="button"
            className="button button-primary"
            data-action="complete"
            disabled={completing.fetching}
            onClick={async () => {
              const res = await complete({ id: f.id });
              if (res.data) onChanged();
            }}
          >
            {t("followUps.complete")}
          </button>
          {!choosing ? (
            <button type="button" className="button" data-action="reassign" onClick={() => setChoosing(true)}>
              {t("followUps.reassign")}
            </button>
          ) : (
            <form
              className="inline-form"
              onSubmit={async (e) => {
                e.preventDefault();
                if (!assigneeID) return;
                const res = await reassign({ id: f.id, assigneeID });
                if (res.data) {
                  setChoosing(false);
                  onChanged();
                }
              }}
            >
              <label htmlFor={`${id}-to`}>{t("followUps.reassignTo")}</label>
              <select id={`${id}-to`} value={assigneeID} onChange={(e) => setAssigneeID(e.target.value)} required>
                <option value="">{t("followUps.choose")}</option>
                {choices.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="button" disabled={!assigneeID || reassigning.fetching}>
                {t("followUps.reassignSubmit")}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setChoosing(false)}>
                {t("followUps.cancel")}
              </button>
            </form>
          )}
        </div>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

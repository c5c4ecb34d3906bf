import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { ConflictStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { refusal } from "../errors";
import { formatDate, formatTime } from "../format";
import { CaseStatus } from "./Conflicts";
import { localName } from "../i18n/localName";
import { Attachments, FilesToSend, useFilesToSend } from "../attachments/Attachments";

export const ConflictCaseFieldsFragment = graphql(`
  fragment ConflictCaseFields on ConflictCase {
    id
    number
    kind
    severity
    status
    summary
    evidence
    dueOn
    overdue
    resolutionNote
    resolvedAt
    openedByName
    openedAt
    lastActivityAt
    allowedTransitions
    territory {
      id
      name
      nameZh
    }
    reporterDealer {
      id
      name
    }
    parties {
      id
      name
    }
    evidenceOrders {
      id
      number
    }
    comments {
      id
      authorName
      fromStaff
      internal
      body
      at
      attachments {
        ...AttachmentFields
      }
    }
    attachments {
      ...AttachmentFields
    }
    history {
      id
      action
      from
      to
      actorName
      note
      internal
      at
    }
  }
`);

export const ConflictCaseQuery = graphql(`
  query ConflictCase($id: ID!) {
    node(id: $id) {
      __typename
      id
      ...ConflictCaseFields
    }
  }
`);

export const MoveConflictCaseMutation = graphql(`
  mutation MoveConflictCase($id: ID!, $to: ConflictStatus!, $note: String) {
    moveConflictCase(id: $id, to: $to, note: $note) {
      ...ConflictCaseFields
    }
  }
`);

export const CommentOnConflictCaseMutation = graphql(`
  mutation CommentOnConflictCase($id: ID!, $body: String!, $internal: Boolean) {
    commentOnConflictCase(id: $id, body: $body, internal: $internal) {
      ...ConflictCaseFields
    }
  }
`);

/** One conflict case: what happened, who is in it, its comments and history; staff move it and add notes. */
export function ConflictDetail() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: ConflictCaseQuery, variables: { id } });
  const c = data?.node?.__typename === "ConflictCase" ? data.node : null;
  usePageTitle(c?.number ?? t("conflicts.title"));
  const back = (
    <p className="back">
      <Link to="/conflicts">← {t("conflicts.back")}</Link>
    </p>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        {back}
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      </>
    );
  if (!c)
    return (
      <>
        {back}
        <Empty>{t("conflicts.notFound")}</Empty>
      </>
    );

  return (
    <article aria-labelledby="case-title" className="conflict-case">
      {back}
      <p className="eyebrow">
        {t(`conflictKind.${c.kind}`)} ·{" "}
        <span className={`badge severity-${c.severity.toLowerCase()}`}>{t(`conflictSeverity.${c.severity}`)}</span>
      </p>
      <h1 id="case-title">
        <span className="mono">{c.number}</span> <CaseStatus status={c.status} />
      </h1>
      <p className="case-summary">{c.summary}</p>
      <dl className="facts">
        <div>
          <dt>{t("conflicts.parties")}</dt>
          <dd className="case-parties">{c.parties.map((p) => p.name).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("conflicts.territory")}</dt>
          <dd>{c.territory ? localName(c.territory, i18n.language) : t("conflicts.noTerritory")}</dd>
        </div>
        <div>
          <dt>{t("conflicts.openedBy")}</dt>
          <dd>
            {c.openedByName}
            {c.reporterDealer && <> ({c.reporterDealer.name})</>} · {formatTime(c.openedAt, i18n.language)}
          </dd>
        </div>
        <div>
          <dt>{t("conflicts.dueOn")}</dt>
          <dd>
            {formatDate(c.dueOn, i18n.language)} {c.overdue && <span className="badge badge-terminated">{t("conflicts.overdue")}</span>}
          </dd>
        </div>
      </dl>
      {c.resolutionNote && (
        <p className="notice">
          {t("conflicts.resolution")}: {c.resolutionNote}
        </p>
      )}
      {(c.evidence || c.evidenceOrders.length > 0) && (
        <section aria-labelledby="case-evidence">
          <h2 id="case-evidence">{t("conflicts.evidence")}</h2>
          {c.evidence && <p className="pre">{c.evidence}</p>}
          {c.evidenceOrders.length > 0 && (
            <ul className="chips">
              {c.evidenceOrders.map((o) => (
                <li key={o.id}>
                  <Link to={`/orders/${encodeURIComponent(o.id)}`} className="mono">
                    {o.number}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <Attachments parentID={c.id} attachments={c.attachments} onChange={() => refetch({ requestPolicy: "network-only" })} />

      {staff && c.allowedTransitions.length > 0 && <Move id={c.id} moves={c.allowedTransitions} />}

      <section aria-labelledby="case-comments">
        <h2 id="case-comments">{t("conflicts.comments")}</h2>
        {c.comments.length ? (
          <ul className="comments">
            {c.comments.map((m) => (
              <li key={m.id} className={m.internal ? "comment comment-internal" : "comment"}>
                <p className="history-who">
                  {m.authorName} {m.fromStaff && <span className="badge">{t("conflicts.staff")}</span>}
                  {m.internal && <span className="badge badge-hold">{t("conflicts.internal")}</span>}{" "}
                  <time dateTime={m.at}>{formatTime(m.at, i18n.language)}</time>
                </p>
                <p className="pre">{m.body}</p>
                <Attachments compact parentID={m.id} attachments={m.attachments} canAttach={false} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t("conflicts.noComments")}</Empty>
        )}
        <Comment id={c.id} staff={staff} comments={c.comments.map((m) => m.id)} onFilesSent={() => refetch({ requestPolicy: "network-only" })} />
      </section>

      <section aria-labelledby="case-history">
        <h2 id="case-history">{t("conflicts.history")}</h2>
        <ol className="history case-history">
          {c.history.map((h) => (
            <li key={h.id}>
              <span className="history-what">
                {h.from && h.to
                  ? t("conflicts.moved", { from: t(`conflictStatus.${h.from}`), to: t(`conflictStatus.${h.to}`) })
                  : t(`conflictAction.${h.action}`)}
              </span>{" "}
              {h.internal && <span className="badge badge-hold">{t("conflicts.internal")}</span>}{" "}
              <span className="history-who">{h.actorName}</span>{" "}
              <time dateTime={h.at}>{formatTime(h.at, i18n.language)}</time>
              {h.note && <p className="history-note">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** The moves the API allows now; settling a case takes a resolution note. */
function Move({ id, moves }: { id: string; moves: ConflictStatus[] }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [{ fetching, error }, move] = useMutation(MoveConflictCaseMutation);
  return (
    <section aria-labelledby="case-move" className="case-move">
      <h2 id="case-move">{t("conflicts.move")}</h2>
      <div className="field">
        <label htmlFor={noteId}>{t("conflicts.moveNote")}</label>
        <textarea id={noteId} name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p className="actions-row">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className="button"
            data-move={to}
            disabled={fetching}
            onClick={async () => {
              const r = await move({ id, to, note: note || null });
              if (!r.error) setNote("");
            }}
          >
            {t(`conflicts.moveTo.${to}`)}
          </button>
        ))}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {refusal(t, error, "conflicts.refused")}
        </p>
      )}
    </section>
  );
}

/** A comment; staff may make it an internal note the parties never see. */
function Comment({ id, staff, comments, onFilesSent }: { id: string; staff: boolean; comments: string[]; onFilesSent: () => void }) {
  const { t } = useTranslation();
  const bodyId = useId();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [{ fetching, error }, comment] = useMutation(CommentOnConflictCaseMutation);
  const files = useFilesToSend();
  return (
    <form
      className="form comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const before = new Set(comments);
        const r = await comment({ id, body, internal: staff ? internal : null });
        if (r.error || !r.data) return;
        setBody("");
        // The files go with the comment just written.
        const mine = r.data.commentOnConflictCase.comments.find((m) => !before.has(m.id));
        if (mine && files.staged.length) {
          await files.send(mine.id);
          onFilesSent();
        }
      }}
    >
      <div className="field">
        <label htmlFor={bodyId}>{t("conflicts.addComment")}</label>
        <textarea id={bodyId} name="comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      {staff && (
        <label className="check">
          <input type="checkbox" name="internal" checked={internal} onChange={(e) => setInternal(e.target.checked)} />{" "}
          {t("conflicts.internalNote")}
        </label>
      )}
      {error && (
        <p className="field-error" role="alert">
          {refusal(t, error)}
        </p>
      )}
      <FilesToSend files={files} />
      <p className="actions-row">
        <button type="submit" className="button" disabled={fetching || !!files.sending || !body.trim()}>
          {t("conflicts.postComment")}
        </button>
      </p>
    </form>
  );
}

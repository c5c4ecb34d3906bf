import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { TicketDetailQuery as TicketDetailData } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe, refusal } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { HIGHLIGHT_MS } from "../live/highlight";
import { useTicketEvents, type TicketEvent } from "../live/useTicketEvents";
import { formatTime } from "../format";
import { TicketStatusBadge } from "./Tickets";
import { Attachments, FilesToSend, useFilesToSend } from "../attachments/Attachments";
import "../relationship/ticketFields";

export const TicketDetailQuery = graphql(`
  query TicketDetail($id: ID!) {
    eventCursor
    node(id: $id) {
      id
      ... on ServiceTicket {
        ...TicketFields
      }
    }
  }
`);

export const ReplyToTicketMutation = graphql(`
  mutation ReplyToTicket($id: ID!, $body: String!) {
    replyToTicket(id: $id, body: $body) {
      ...TicketFields
    }
  }
`);

export const CloseTicketMutation = graphql(`
  mutation CloseTicket($id: ID!) {
    closeTicket(id: $id) {
      ...TicketFields
    }
  }
`);

export const ReopenTicketMutation = graphql(`
  mutation ReopenTicket($id: ID!) {
    reopenTicket(id: $id) {
      ...TicketFields
    }
  }
`);

type Ticket = Extract<NonNullable<TicketDetailData["node"]>, { number: string }>;

const SCOPE = "ticket.refused";

/**
 * One service request, at its own address: what was asked, the thread, and
 * the moves the viewer may make now (reply, close, reopen: the API's
 * allowedActions). Replies from the other side arrive live.
 */
export function TicketDetail() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const [{ data, error, fetching }, refetch] = useQuery({ query: TicketDetailQuery, variables: { id } });
  const ticket = data?.node && "number" in data.node ? (data.node as Ticket) : null;
  usePageTitle(ticket ? `${ticket.number} ${ticket.subject}` : t("tickets.title"));
  const reload = () => refetch({ requestPolicy: "network-only" });
  const [fresh, setFresh] = useState<string | null>(null);
  const [announced, setAnnounced] = useState("");
  const onEvent = (e: TicketEvent) => {
    // The cache has the ticket as it is now; say what happened.
    if (e.action === "REPLIED" && e.reply) {
      const replyID = e.reply.id;
      setFresh(replyID);
      setTimeout(() => setFresh((cur) => (cur === replyID ? null : cur)), HIGHLIGHT_MS);
      setAnnounced(t("ticket.newReply", { name: e.reply.authorName }));
    } else {
      setAnnounced(t(`ticket.event.${e.action}`, { number: e.ticket.number }));
    }
  };
  useTicketEvents({ eventCursor: ticket ? data?.eventCursor : null, ticketID: id, onEvent, onExpired: reload });

  const back = (
    <p className="back">
      <Link to="/tickets">← {staff ? t("ticket.backQueue") : t("ticket.back")}</Link>
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
  if (!ticket)
    return (
      <section aria-labelledby="ticket-title">
        {back}
        <h1 id="ticket-title">{t("tickets.title")}</h1>
        <p className="state">{t("ticket.notFound")}</p>
      </section>
    );

  return (
    <article aria-labelledby="ticket-title" className="ticket-detail">
      {back}
      <p className="eyebrow mono">{ticket.number}</p>
      <div className="page-head">
        <h1 id="ticket-title">{ticket.subject}</h1>
        <span className="ticket-status" data-status={ticket.status}>
          <TicketStatusBadge status={ticket.status} />
        </span>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </p>
      <dl className="facts">
        {staff && (
          <div>
            <dt>{t("tickets.dealer")}</dt>
            <dd>
              <Link to={`/dealers/${encodeURIComponent(ticket.dealer.id)}`}>{ticket.dealer.name}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("tickets.category")}</dt>
          <dd>{t(`ticketCategory.${ticket.category}`)}</dd>
        </div>
        {ticket.order && (
          <div>
            <dt>{t("ticket.orderLabel")}</dt>
            <dd>
              <Link to={`/orders/${encodeURIComponent(ticket.order.id)}`}>{ticket.order.number}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("ticket.openedAt")}</dt>
          <dd>{formatTime(ticket.openedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("ticket.firstResponse")}</dt>
          <dd>{ticket.firstResponseAt ? formatTime(ticket.firstResponseAt, i18n.language) : t("ticket.noResponse")}</dd>
        </div>
        {ticket.closedAt && (
          <div>
            <dt>{t("ticket.closedAt")}</dt>
            <dd>{formatTime(ticket.closedAt, i18n.language)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="ticket-thread" className="thread-section">
        <h2 id="ticket-thread">{t("ticket.thread")}</h2>
        <ol className="thread">
          <li className="message message-dealer">
            <p className="message-head">
              <span className="message-author">{ticket.openedByName}</span>{" "}
              <time dateTime={ticket.openedAt}>{formatTime(ticket.openedAt, i18n.language)}</time>
            </p>
            <p className="message-body">{ticket.body}</p>
          </li>
          {ticket.thread.map((r) => (
            <li
              key={r.id}
              data-reply={r.id}
              className={`message ${r.fromStaff ? "message-staff" : "message-dealer"} ${fresh === r.id ? "live-changed" : ""}`}
            >
              <p className="message-head">
                <span className="message-author">{r.authorName}</span>
                {r.fromStaff && <span className="badge badge-staff">{t("ticket.staff")}</span>}{" "}
                <time dateTime={r.at}>{formatTime(r.at, i18n.language)}</time>
              </p>
              <p className="message-body">{r.body}</p>
              <Attachments compact parentID={r.id} attachments={r.attachments} canAttach={false} />
            </li>
          ))}
        </ol>
      </section>
      <Attachments parentID={ticket.id} attachments={ticket.attachments} canAttach={ticket.allowedActions.includes("REPLIED")} onChange={reload} />
      <TicketActions ticket={ticket} onFilesSent={reload} />
    </article>
  );
}

function TicketActions({ ticket, onFilesSent }: { ticket: Ticket; onFilesSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState("");
  const [replying, reply] = useMutation(ReplyToTicketMutation);
  const [closing, close] = useMutation(CloseTicketMutation);
  const [reopening, reopen] = useMutation(ReopenTicketMutation);
  const files = useFilesToSend();
  const can = (a: string) => ticket.allowedActions.includes(a as never);
  const errors = mapFieldErrors(replying.error, (p) => describe(t, p, SCOPE));
  const other = refusal(t, closing.error ?? reopening.error, SCOPE);

  return (
    <section aria-label={t("ticket.actions")} className="ticket-actions">
      {can("REPLIED") && (
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            const before = new Set(ticket.thread.map((r) => r.id));
            const res = await reply({ id: ticket.id, body });
            if (!res.data) return;
            setBody("");
            // The files go with the reply just written.
            const mine = res.data.replyToTicket.thread.find((r) => !before.has(r.id));
            if (mine && files.staged.length) {
              await files.send(mine.id);
              onFilesSent();
            }
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-reply`}>{t("ticket.reply")}</label>
            <textarea
              id={`${id}-reply`}
              name="reply"
              rows={4}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-describedby={errors.fields.body ? `${id}-reply-error` : undefined}
            />
            {errors.fields.body && (
              <p className="field-error" id={`${id}-reply-error`}>
                {errors.fields.body}
              </p>
            )}
            {errors.other.map((o, i) => (
              <p key={i} className="field-error" role="alert">
                {o.message}
              </p>
            ))}
          </div>
          <FilesToSend files={files} />
          <div className="actions-row">
            <button type="submit" className="button button-primary" data-action="reply" disabled={replying.fetching || !!files.sending || !body.trim()}>
              {t("ticket.send")}
            </button>
            {can("CLOSED") && (
              <button
                type="button"
                className="button"
                data-action="close"
                disabled={closing.fetching}
                onClick={() => void close({ id: ticket.id })}
              >
                {t("ticket.close")}
              </button>
            )}
          </div>
        </form>
      )}
      {!can("REPLIED") && can("CLOSED") && (
        <button type="button" className="button" data-action="close" disabled={closing.fetching} onClick={() => void close({ id: ticket.id })}>
          {t("ticket.close")}
        </button>
      )}
      {ticket.status === "CLOSED" && <p className="notice">{t("ticket.closedNote")}</p>}
      {can("REOPENED") && (
        <button
          type="button"
          className="button"
          data-action="reopen"
          disabled={reopening.fetching}
          onClick={() => void reopen({ id: ticket.id })}
        >
          {t("ticket.reopen")}
        </button>
      )}
      {other && (
        <p className="field-error" role="alert">
          {other}
        </p>
      )}
    </section>
  );
}

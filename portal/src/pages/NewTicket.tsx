import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { TicketCategory } from "../gql/graphql";
import { usePageTitle } from "../components/usePageTitle";
import { describe } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { TICKET_CATEGORIES } from "../relationship/ticketFields";

// The dealer's recent orders, to say which one a request is about.
export const TicketOrdersQuery = graphql(`
  query TicketOrders {
    orders(first: 50) {
      edges {
        node {
          id
          number
          placedAt
        }
      }
    }
  }
`);

export const OpenServiceTicketMutation = graphql(`
  mutation OpenServiceTicket($input: OpenServiceTicketInput!) {
    openServiceTicket(input: $input) {
      ...TicketFields
    }
  }
`);

const SCOPE = "ticket.refused";

/** A dealer user opens a service request: what it is about, and optionally which order. */
export function NewTicket() {
  const { t } = useTranslation();
  usePageTitle(t("ticket.newTitle"));
  const id = useId();
  const navigate = useNavigate();
  const [{ data: orders }] = useQuery({ query: TicketOrdersQuery });
  const recent = (orders?.orders.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const [result, open] = useMutation(OpenServiceTicketMutation);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [category, setCategory] = useState<TicketCategory>("OTHER");
  const [orderID, setOrderID] = useState("");
  const errors = mapFieldErrors(result.error, (p) => describe(t, p, SCOPE));
  const fieldError = (name: string) =>
    errors.fields[name] ? (
      <p className="field-error" id={`${id}-${name}-error`}>
        {errors.fields[name]}
      </p>
    ) : null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const res = await open({ input: { subject: subject.trim(), body, category, orderID: orderID || null } });
    const ticket = res.data?.openServiceTicket;
    if (ticket) navigate(`/tickets/${encodeURIComponent(ticket.id)}`);
  };

  return (
    <section aria-labelledby="new-ticket-title">
      <p className="back">
        <Link to="/tickets">← {t("ticket.back")}</Link>
      </p>
      <h1 id="new-ticket-title">{t("ticket.newTitle")}</h1>
      <p className="lead">{t("ticket.newIntro")}</p>
      <form className="form card" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t("ticket.subject")}</label>
          <input
            id={`${id}-subject`}
            name="subject"
            value={subject}
            maxLength={200}
            onChange={(e) => setSubject(e.target.value)}
            aria-describedby={errors.fields.subject ? `${id}-subject-error` : undefined}
            required
          />
          {fieldError("subject")}
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-category`}>{t("ticket.category")}</label>
            <select
              id={`${id}-category`}
              name="category"
              value={category}
              onChange={(e) => setCategory(e.target.value as TicketCategory)}
            >
              {TICKET_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`ticketCategory.${c}`)}
                </option>
              ))}
            </select>
            {fieldError("category")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-order`}>{t("ticket.order")}</label>
            <select id={`${id}-order`} name="orderID" value={orderID} onChange={(e) => setOrderID(e.target.value)}>
              <option value="">{t("ticket.noOrder")}</option>
              {recent.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.number}
                </option>
              ))}
            </select>
            {fieldError("orderID")}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t("ticket.body")}</label>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-describedby={errors.fields.body ? `${id}-body-error` : undefined}
            required
          />
          {fieldError("body")}
        </div>
        {errors.other.map((o, i) => (
          <p key={i} className="field-error" role="alert">
            {o.message}
          </p>
        ))}
        <div className="actions-row">
          <button type="submit" className="button button-primary" disabled={result.fetching} data-action="open-ticket">
            {result.fetching ? t("ticket.sending") : t("ticket.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

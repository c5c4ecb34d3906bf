import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { InteractionKind } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { describe } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { dateAfter, localDateTimeValue, timeOfLocalValue } from "./when";

export const INTERACTION_KINDS: InteractionKind[] = ["VISIT", "CALL", "MEETING", "EMAIL", "MESSAGE", "TRAINING"];

// Whom a follow-up may go to: the choices offered; the API decides.
export const InteractionPeopleQuery = graphql(`
  query InteractionPeople($id: ID!) {
    node(id: $id) {
      id
      ... on Dealer {
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
  }
`);

export const LogInteractionMutation = graphql(`
  mutation LogInteraction($input: LogInteractionInput!) {
    logInteraction(input: $input) {
      id
      kind
      subject
      occurredAt
      followUp {
        id
        dueOn
        status
      }
    }
  }
`);

type Contact = { id: string; name: string; title?: string | null };

const SCOPE = "interaction.refused";

/** The form a manager or administrator logs a contact with a dealer in, with an optional follow-up. */
export function LogInteraction({
  dealerID,
  contacts,
  onLogged,
}: {
  dealerID: string;
  contacts: Contact[];
  onLogged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [{ data: viewer }] = useViewer();
  const me = viewer?.me;
  const [{ data: people }] = useQuery({ query: InteractionPeopleQuery, variables: { id: dealerID } });
  const [result, log] = useMutation(LogInteractionMutation);

  const [kind, setKind] = useState<InteractionKind>("VISIT");
  const [when, setWhen] = useState(() => localDateTimeValue(new Date()));
  const [subject, setSubject] = useState("");
  const [notes, setNotes] = useState("");
  const [outcome, setOutcome] = useState("");
  const [contactIDs, setContactIDs] = useState<string[]>([]);
  const [withFollowUp, setWithFollowUp] = useState(false);
  const [dueOn, setDueOn] = useState(() => dateAfter(new Date(), 7));
  const [assigneeID, setAssigneeID] = useState("");
  const [followUpText, setFollowUpText] = useState("");
  const [logged, setLogged] = useState("");
  const [badTime, setBadTime] = useState(false);

  const assignees = useMemo(() => {
    const dealer = people?.node && "channel" in people.node ? people.node : null;
    const all = [...(dealer?.owner ? [dealer.owner] : []), ...(dealer?.channel.managers ?? [])];
    const seen = new Set<string>(me ? [me.id] : []);
    return all.filter((u) => !seen.has(u.id) && seen.add(u.id));
  }, [people, me]);

  const errors = mapFieldErrors(result.error, (p) => describe(t, p, SCOPE));
  const fieldError = (name: string) =>
    errors.fields[name] ? (
      <p className="field-error" id={`${id}-${name}-error`}>
        {errors.fields[name]}
      </p>
    ) : null;
  const described = (name: string) => (errors.fields[name] ? `${id}-${name}-error` : undefined);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setLogged("");
    const occurredAt = timeOfLocalValue(when);
    setBadTime(!occurredAt);
    if (!occurredAt) return;
    const res = await log({
      input: {
        dealerID,
        kind,
        occurredAt,
        subject: subject.trim(),
        notes,
        outcome,
        contactIDs,
        followUp: withFollowUp ? { dueOn, text: followUpText.trim(), assigneeID: assigneeID || null } : null,
      },
    });
    if (res.data?.logInteraction) {
      setLogged(t("interaction.logged", { subject: res.data.logInteraction.subject }));
      setSubject("");
      setNotes("");
      setOutcome("");
      setContactIDs([]);
      setWithFollowUp(false);
      setFollowUpText("");
      setWhen(localDateTimeValue(new Date()));
      onLogged();
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card log-interaction">
      <h2 id={`${id}-title`}>{t("interaction.log")}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t("interaction.kind")}</label>
            <select id={`${id}-kind`} name="kind" value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)}>
              {INTERACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`interactionKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-when`}>{t("interaction.occurredAt")}</label>
            <input
              id={`${id}-when`}
              name="occurredAt"
              type="datetime-local"
              value={when}
              max={localDateTimeValue(new Date())}
              onChange={(e) => setWhen(e.target.value)}
              aria-describedby={described("occurredAt")}
              required
            />
            {badTime ? <p className="field-error">{t("interaction.whenInvalid")}</p> : fieldError("occurredAt")}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t("interaction.subject")}</label>
          <input
            id={`${id}-subject`}
            name="subject"
            value={subject}
            maxLength={200}
            onChange={(e) => setSubject(e.target.value)}
            aria-describedby={described("subject")}
            aria-invalid={!!errors.fields.subject}
            required
          />
          {fieldError("subject")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t("interaction.notes")}</label>
          <textarea
            id={`${id}-notes`}
            name="notes"
            rows={4}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-describedby={described("notes")}
          />
          {fieldError("notes")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t("interaction.outcome")}</label>
          <input
            id={`${id}-outcome`}
            name="outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            aria-describedby={described("outcome")}
          />
          {fieldError("outcome")}
        </div>
        {contacts.length > 0 && (
          <fieldset className="field checks">
            <legend>{t("interaction.contacts")}</legend>
            {contacts.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  name="contactIDs"
                  value={c.id}
                  checked={contactIDs.includes(c.id)}
                  onChange={(e) =>
                    setContactIDs((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))
                  }
                />{" "}
                {c.name}
                {c.title && <span className="muted"> · {c.title}</span>}
              </label>
            ))}
            {fieldError("contactIDs")}
          </fieldset>
        )}
        <label className="check">
          <input type="checkbox" name="withFollowUp" checked={withFollowUp} onChange={(e) => setWithFollowUp(e.target.checked)} />{" "}
          {t("interaction.followUp")}
        </label>
        {withFollowUp && (
          <fieldset className="field follow-up-fields">
            <legend>{t("interaction.followUpLegend")}</legend>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${id}-due`}>{t("interaction.dueOn")}</label>
                <input
                  id={`${id}-due`}
                  name="dueOn"
                  type="date"
                  value={dueOn}
                  onChange={(e) => setDueOn(e.target.value)}
                  aria-describedby={described("followUp.dueOn")}
                />
                {fieldError("followUp.dueOn")}
              </div>
              <div className="field">
                <label htmlFor={`${id}-assignee`}>{t("interaction.assignee")}</label>
                <select
                  id={`${id}-assignee`}
                  name="assigneeID"
                  value={assigneeID}
                  onChange={(e) => setAssigneeID(e.target.value)}
                  aria-describedby={described("followUp.assigneeID")}
                >
                  <option value="">{t("interaction.assigneeMe", { name: me?.name ?? "" })}</option>
                  {assignees.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
                {fieldError("followUp.assigneeID")}
              </div>
            </div>
            <div className="field">
              <label htmlFor={`${id}-fu-text`}>{t("interaction.followUpText")}</label>
              <input
                id={`${id}-fu-text`}
                name="followUpText"
                value={followUpText}
                maxLength={2000}
                onChange={(e) => setFollowUpText(e.target.value)}
                aria-describedby={described("followUp.text")}
              />
              {fieldError("followUp.text")}
              {fieldError("followUp")}
            </div>
          </fieldset>
        )}
        {Object.entries(errors.fields)
          .filter(([name]) => !["occurredAt", "subject", "notes", "outcome", "contactIDs"].includes(name) && !name.startsWith("followUp"))
          .map(([name, message]) => (
            <p key={name} className="field-error" role="alert">
              {message}
            </p>
          ))}
        {errors.other.map((o, i) => (
          <p key={i} className="field-error" role="alert">
            {o.message}
          </p>
        ))}
        <div className="actions-row">
          <button type="submit" className="button button-primary" disabled={result.fetching} data-action="log-interaction">
            {result.fetching ? t("interaction.saving") : t("interaction.submit")}
          </button>
          <span role="status" className="notice-ok">
            {logged}
          </span>
        </div>
      </form>
    </section>
  );
}

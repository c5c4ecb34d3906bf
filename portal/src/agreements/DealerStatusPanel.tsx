import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { refusal } from "../errors";
import { formatDate, formatTime } from "../format";

export const DealerStatusQuery = graphql(`
  query DealerStatus($id: ID!) {
    settings {
      today
    }
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        status
        statusTargets
        statusChanges {
          id
          from
          to
          reason
          effectiveOn
          state
          requestedAt
          requestedByName
          appliedAt
        }
      }
    }
  }
`);

export const ChangeDealerStatusMutation = graphql(`
  mutation ChangeDealerStatus($dealerID: ID!, $to: DealerStatus!, $reason: String!, $effectiveOn: Date!) {
    changeDealerStatus(dealerID: $dealerID, to: $to, reason: $reason, effectiveOn: $effectiveOn) {
      id
      state
    }
  }
`);

export const CancelDealerStatusChangeMutation = graphql(`
  mutation CancelDealerStatusChange($id: ID!) {
    cancelDealerStatusChange(id: $id) {
      id
      state
    }
  }
`);

/**
 * A dealer's status changes, for staff: the history (scheduled ones can be
 * withdrawn) and a form to change it now or on a date. The statuses offered
 * are those the API says are open (none once the dealer is terminated).
 */
export function DealerStatusPanel({ dealerID, onChanged }: { dealerID: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const toId = useId();
  const reasonId = useId();
  const dateId = useId();
  const [{ data }, refetch] = useQuery({ query: DealerStatusQuery, variables: { id: dealerID }, requestPolicy: "cache-and-network" });
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [effectiveOn, setEffectiveOn] = useState("");
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const [changing, change] = useMutation(ChangeDealerStatusMutation);
  const [, cancel] = useMutation(CancelDealerStatusChangeMutation);
  const d = data?.node?.__typename === "Dealer" ? data.node : null;
  if (!d) return null;
  const today = data?.settings.today ?? "";
  const targets = d.statusTargets;
  const chosen = to && targets.includes(to as (typeof targets)[number]) ? to : (targets[0] ?? "");
  const date = effectiveOn || today;
  const done = () => {
    refetch({ requestPolicy: "network-only" });
    onChanged();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (changing.fetching || !chosen) return;
    if (!reason.trim()) {
      setProblem({ field: "reason", text: t("dealerStatus.reasonRequired") });
      return;
    }
    const r = await change({ dealerID, to: chosen as (typeof targets)[number], reason, effectiveOn: date });
    if (r.error) {
      const field = String(r.error.graphQLErrors[0]?.extensions?.field ?? "");
      setProblem({ field, text: refusal(t, r.error, "dealerStatus.refused") });
      return;
    }
    setProblem(null);
    setReason("");
    setEffectiveOn("");
    done();
  };

  return (
    <section aria-labelledby="dealer-status-changes" className="dealer-status">
      <h2 id="dealer-status-changes">{t("dealerStatus.title")}</h2>
      {d.statusChanges.length === 0 ? (
        <p className="muted">{t("dealerStatus.none")}</p>
      ) : (
        <ul className="status-changes">
          {d.statusChanges.map((c) => (
            <li key={c.id} data-state={c.state}>
              <span className={`badge badge-${c.to.toLowerCase()}`}>{t(`status.${c.to}`)}</span>{" "}
              <span className="state-word">{t(`dealerStatus.state.${c.state}`, { date: formatDate(c.effectiveOn, i18n.language) })}</span>{" "}
              <span className="muted">
                {t("dealerStatus.asked", { from: t(`status.${c.from}`), who: c.requestedByName, at: formatTime(c.requestedAt, i18n.language) })}
              </span>
              <br />
              {c.reason}
              {c.state === "SCHEDULED" && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="button button-quiet"
                    data-action="cancel-status-change"
                    onClick={async () => {
                      const r = await cancel({ id: c.id });
                      if (r.error) setProblem({ field: "", text: refusal(t, r.error, "dealerStatus.refused") });
                      else done();
                    }}
                  >
                    {t("dealerStatus.withdraw")}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {targets.length === 0 ? (
        <p className="muted">{t("dealerStatus.final")}</p>
      ) : (
        <form className="status-form" onSubmit={submit} noValidate aria-label={t("dealerStatus.change")}>
          <p className="muted">{t("dealerStatus.intro")}</p>
          <label htmlFor={toId}>{t("dealerStatus.to")}</label>
          <select id={toId} value={chosen} onChange={(e) => setTo(e.target.value)}>
            {targets.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor={dateId}>{t("dealerStatus.effectiveOn")}</label>
          <input id={dateId} type="date" min={today} value={date} onChange={(e) => setEffectiveOn(e.target.value)} />
          {problem?.field === "effectiveOn" && <p className="field-error">{problem.text}</p>}
          <label htmlFor={reasonId}>{t("dealerStatus.reason")}</label>
          <textarea id={reasonId} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {problem?.field === "reason" && (
            <p className="field-error" role="alert">
              {problem.text}
            </p>
          )}
          <button type="submit" className="button" disabled={changing.fetching} data-action="change-status">
            {date === today ? t("dealerStatus.applyNow") : t("dealerStatus.schedule")}
          </button>
          {problem && problem.field !== "reason" && problem.field !== "effectiveOn" && (
            <p className="field-error" role="alert">
              {problem.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

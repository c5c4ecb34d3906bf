import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatMoney } from "../format";
import { FieldError, GeneralErrors, type Change } from "./fields";
import { localName } from "../i18n/localName";

const LIST_SIZE = 10;

export const FactsOptionsQuery = graphql(`
  query FactsOptions {
    settings {
      today
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }) {
      edges {
        node {
          id
          code
          name
          channelID
        }
      }
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
  }
`);

export const FactListsQuery = graphql(`
  query FactLists($first: Int!, $month: Period!) {
    distributionSurveys(first: $first) {
      totalCount
      edges {
        node {
          id
          surveyedOn
          outletsVisited
          outletsCarrying
          note
          recordedByName
          dealer {
            id
            name
          }
        }
      }
    }
    satisfactionScores(first: $first) {
      totalCount
      edges {
        node {
          id
          scoredOn
          score
          note
          recordedByName
          dealer {
            id
            name
          }
        }
      }
    }
    channelCosts(first: $first) {
      totalCount
      edges {
        node {
          id
          incurredOn
          category
          amount
          note
          channel {
            id
            name
            nameZh
          }
          dealer {
            id
            name
          }
        }
      }
    }
    marketShares(from: $month, to: $month) {
      id
      month
      share
      territory {
        id
        code
        name
        nameZh
      }
    }
  }
`);

export const RecordSurveyMutation = graphql(`
  mutation RecordDistributionSurvey($input: RecordDistributionSurveyInput!) {
    recordDistributionSurvey(input: $input) {
      id
    }
  }
`);

export const RecordScoreMutation = graphql(`
  mutation RecordSatisfactionScore($input: RecordSatisfactionScoreInput!) {
    recordSatisfactionScore(input: $input) {
      id
    }
  }
`);

export const RecordCostMutation = graphql(`
  mutation RecordChannelCost($input: RecordChannelCostInput!) {
    recordChannelCost(input: $input) {
      id
    }
  }
`);

export const SetSharesMutation = graphql(`
  mutation SetMarketShares($input: [MarketShareInput!]!) {
    setMarketShares(input: $input) {
      id
    }
  }
`);

type Dealer = { id: string; code: string; name: string; channelID: string };
type Named = { id: string; name: string; nameZh?: string | null };

/**
 * The facts staff record about their dealers: distribution surveys and
 * satisfaction scores; administrators also channel costs and market
 * shares. Each form sits above the latest records of its kind.
 */
export function FactsDesk() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("facts.deskTitle"));
  const [{ data: viewer }] = useViewer();
  const role = viewer?.me.role;
  const [sent, setSent] = useState(0);
  const [{ data: options, error }] = useQuery({ query: FactsOptionsQuery, pause: !role || role === "DEALER" });
  const [month, setMonth] = useState("");
  const today = options?.settings.today ?? "";
  const shownMonth = month || today.slice(0, 7);
  const [{ data: lists, error: listError }, refetch] = useQuery({
    query: FactListsQuery,
    variables: { first: LIST_SIZE, month: shownMonth },
    pause: !shownMonth || role === "DEALER",
  });
  useEffect(() => {
    if (sent) refetch({ requestPolicy: "network-only" });
  }, [sent, refetch]);
  if (role === "DEALER") {
    return (
      <section>
        <h1>{t("facts.deskTitle")}</h1>
        <p className="lead">{t("facts.staffOnly")}</p>
      </section>
    );
  }
  if (error && !options) return <ErrorMessage error={error} />;
  if (!options || !role) return <Loading />;
  const admin = role === "ADMIN";
  const dealers: Dealer[] = (options.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const channels: Named[] = (options.channels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const territories = (options.territories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const onSent = () => setSent((n) => n + 1);
  const nodes = <T,>(c?: { edges?: ({ node?: T | null } | null)[] | null } | null): T[] =>
    (c?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const listed = (body: React.ReactNode, empty: boolean) =>
    listError && !lists ? <ErrorMessage error={listError} /> : !lists ? <Loading /> : empty ? <Empty>{t("facts.none")}</Empty> : body;

  const surveys = nodes(lists?.distributionSurveys);
  const scores = nodes(lists?.satisfactionScores);
  const costs = nodes(lists?.channelCosts);
  const shares = lists?.marketShares ?? [];
  return (
    <section aria-labelledby="facts-title" className="facts-desk">
      <h1 id="facts-title">{t("facts.deskTitle")}</h1>
      <p className="lead">{admin ? t("facts.adminIntro") : t("facts.managerIntro")}</p>

      <section aria-labelledby="facts-surveys" className="facts-section">
        <h2 id="facts-surveys">{t("facts.surveys")}</h2>
        <SurveyForm dealers={dealers} today={today} onSent={onSent} />
        {listed(
          <table className="table facts-surveys">
            <thead>
              <tr>
                <th scope="col">{t("facts.date")}</th>
                <th scope="col">{t("facts.dealer")}</th>
                <th scope="col" className="num">
                  {t("facts.outletsCarrying")}
                </th>
                <th scope="col">{t("facts.recordedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id}>
                  <th scope="row" data-label={t("facts.date")}>
                    {formatDate(s.surveyedOn, i18n.language)}
                  </th>
                  <td data-label={t("facts.dealer")}>{s.dealer.name}</td>
                  <td data-label={t("facts.outletsCarrying")} className="num">
                    {t("facts.carryingOf", { carrying: s.outletsCarrying, visited: s.outletsVisited })}
                  </td>
                  <td data-label={t("facts.recordedBy")}>{s.recordedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>,
          !surveys.length,
        )}
      </section>

      <section aria-labelledby="facts-scores" className="facts-section">
        <h2 id="facts-scores">{t("facts.scores")}</h2>
        <ScoreForm dealers={dealers} today={today} onSent={onSent} />
        {listed(
          <table className="table facts-scores">
            <thead>
              <tr>
                <th scope="col">{t("facts.date")}</th>
                <th scope="col">{t("facts.dealer")}</th>
                <th scope="col" className="num">
                  {t("facts.score")}
                </th>
                <th scope="col">{t("facts.recordedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {scores.map((s) => (
                <tr key={s.id}>
                  <th scope="row" data-label={t("facts.date")}>
                    {formatDate(s.scoredOn, i18n.language)}
                  </th>
                  <td data-label={t("facts.dealer")}>{s.dealer.name}</td>
                  <td data-label={t("facts.score")} className="num">
                    {s.score} / 5
                  </td>
                  <td data-label={t("facts.recordedBy")}>{s.recordedByName}</td>
                </tr>
              ))}
            </tbody>
          </table>,
          !scores.length,
        )}
      </section>

      <section aria-labelledby="facts-costs" className="facts-section">
        <h2 id="facts-costs">{t("facts.costs")}</h2>
        {admin && <CostForm dealers={dealers} channels={channels} today={today} onSent={onSent} />}
        {listed(
          <table className="table facts-costs">
            <thead>
              <tr>
                <th scope="col">{t("facts.date")}</th>
                <th scope="col">{t("facts.channel")}</th>
                <th scope="col">{t("facts.category")}</th>
                <th scope="col" className="num">
                  {t("facts.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {costs.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label={t("facts.date")}>
                    {formatDate(c.incurredOn, i18n.language)}
                  </th>
                  <td data-label={t("facts.channel")}>
                    {localName(c.channel, i18n.language)}
                    {c.dealer && <span className="muted"> · {c.dealer.name}</span>}
                  </td>
                  <td data-label={t("facts.category")}>{c.category}</td>
                  <td data-label={t("facts.amount")} className="num money">
                    {formatMoney(c.amount, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>,
          !costs.length,
        )}
      </section>

      <section aria-labelledby="facts-shares" className="facts-section">
        <h2 id="facts-shares">{t("facts.shares")}</h2>
        <div className="filter">
          <label htmlFor="facts-month">{t("facts.month")}</label>
          <input id="facts-month" type="month" value={shownMonth} onChange={(e) => setMonth(e.target.value)} />
        </div>
        {admin ? (
          <SharesForm
            key={shownMonth}
            month={shownMonth}
            territories={territories}
            current={Object.fromEntries(shares.map((s) => [s.territory.id, s.share]))}
            onSent={onSent}
          />
        ) : (
          listed(
            <table className="table facts-shares">
              <tbody>
                {shares.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{localName(s.territory, i18n.language)}</th>
                    <td className="num">{(s.share * 100).toLocaleString(i18n.language, { maximumFractionDigits: 1 })} %</td>
                  </tr>
                ))}
              </tbody>
            </table>,
            !shares.length,
          )
        )}
      </section>
    </section>
  );
}

function DealerSelect({ id, value, dealers, onChange, optional }: { id: string; value: string; dealers: Dealer[]; onChange: (e: Change) => void; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <select id={id} name="dealerID" value={value} onChange={onChange}>
      <option value="">{optional ? t("facts.wholeChannel") : t("facts.chooseDealer")}</option>
      {dealers.map((d) => (
        <option key={d.id} value={d.id}>
          {d.code} {d.name}
        </option>
      ))}
    </select>
  );
}

function SurveyForm({ dealers, today, onSent }: { dealers: Dealer[]; today: string; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const empty = { dealerID: "", date: today, outletsVisited: "", outletsCarrying: "", note: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  const [{ fetching, error }, submit] = useMutation(RecordSurveyMutation);
  const set = (k: keyof typeof empty) => (e: Change) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form
      className="form facts-form survey-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const r = await submit({
          input: {
            dealerID: form.dealerID,
            date: form.date,
            outletsVisited: Number(form.outletsVisited || 0),
            outletsCarrying: Number(form.outletsCarrying || 0),
            note: form.note || null,
          },
        });
        if (!r.error) {
          setForm(empty);
          setDone(true);
          onSent();
        }
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-dealer`}>{t("facts.dealer")}</label>
          <DealerSelect id={`${id}-dealer`} value={form.dealerID} dealers={dealers} onChange={set("dealerID")} />
          <FieldError error={error} name="dealerID" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("facts.date")}</label>
          <input id={`${id}-date`} name="date" type="date" max={today} value={form.date} onChange={set("date")} />
          <FieldError error={error} name="date" />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-visited`}>{t("facts.outletsVisited")}</label>
          <input id={`${id}-visited`} name="outletsVisited" type="number" min={1} inputMode="numeric" value={form.outletsVisited} onChange={set("outletsVisited")} />
          <FieldError error={error} name="outletsVisited" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-carrying`}>{t("facts.outletsCarrying")}</label>
          <input id={`${id}-carrying`} name="outletsCarrying" type="number" min={0} inputMode="numeric" value={form.outletsCarrying} onChange={set("outletsCarrying")} />
          <FieldError error={error} name="outletsCarrying" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("facts.note")}</label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} value={form.note} onChange={set("note")} />
        <FieldError error={error} name="note" />
      </div>
      <GeneralErrors error={error} fields={["dealerID", "date", "outletsVisited", "outletsCarrying", "note"]} />
      <p className="actions-row">
        <button type="submit" className="button button-primary" disabled={fetching}>
          {t("facts.recordSurvey")}
        </button>
        <span role="status" className="muted facts-done">
          {done ? t("facts.recorded") : ""}
        </span>
      </p>
    </form>
  );
}

function ScoreForm({ dealers, today, onSent }: { dealers: Dealer[]; today: string; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const empty = { dealerID: "", date: today, score: "", note: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  const [{ fetching, error }, submit] = useMutation(RecordScoreMutation);
  const set = (k: keyof typeof empty) => (e: Change) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form
      className="form facts-form score-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const r = await submit({
          input: { dealerID: form.dealerID, date: form.date, score: Number(form.score || 0), note: form.note || null },
        });
        if (!r.error) {
          setForm(empty);
          setDone(true);
          onSent();
        }
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-dealer`}>{t("facts.dealer")}</label>
          <DealerSelect id={`${id}-dealer`} value={form.dealerID} dealers={dealers} onChange={set("dealerID")} />
          <FieldError error={error} name="dealerID" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("facts.date")}</label>
          <input id={`${id}-date`} name="date" type="date" max={today} value={form.date} onChange={set("date")} />
          <FieldError error={error} name="date" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-score`}>{t("facts.score")}</label>
          <select id={`${id}-score`} name="score" value={form.score} onChange={set("score")}>
            <option value="">{t("facts.chooseScore")}</option>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>
                {t(`facts.scoreLabel.${n}`)}
              </option>
            ))}
          </select>
          <FieldError error={error} name="score" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("facts.note")}</label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} value={form.note} onChange={set("note")} />
        <FieldError error={error} name="note" />
      </div>
      <GeneralErrors error={error} fields={["dealerID", "date", "score", "note"]} />
      <p className="actions-row">
        <button type="submit" className="button button-primary" disabled={fetching}>
          {t("facts.recordScore")}
        </button>
        <span role="status" className="muted facts-done">
          {done ? t("facts.recorded") : ""}
        </span>
      </p>
    </form>
  );
}

function CostForm({ dealers, channels, today, onSent }: { dealers: Dealer[]; channels: Named[]; today: string; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const empty = { channelID: channels[0]?.id ?? "", dealerID: "", date: today, category: "", amount: "", note: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  const [{ fetching, error }, submit] = useMutation(RecordCostMutation);
  const set = (k: keyof typeof empty) => (e: Change) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form
      className="form facts-form cost-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const r = await submit({
          input: {
            channelID: form.channelID,
            dealerID: form.dealerID || null,
            date: form.date,
            category: form.category,
            amount: form.amount.trim() || "0",
            note: form.note || null,
          },
        });
        if (!r.error) {
          setForm({ ...empty, channelID: form.channelID });
          setDone(true);
          onSent();
        }
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t("facts.channel")}</label>
          <select id={`${id}-channel`} name="channelID" value={form.channelID} onChange={(e) => setForm((f) => ({ ...f, channelID: e.target.value, dealerID: "" }))}>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, i18n.language)}
              </option>
            ))}
          </select>
          <FieldError error={error} name="channelID" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-dealer`}>{t("facts.forDealer")}</label>
          <DealerSelect
            id={`${id}-dealer`}
            value={form.dealerID}
            dealers={dealers.filter((d) => d.channelID === form.channelID)}
            onChange={set("dealerID")}
            optional
          />
          <FieldError error={error} name="dealerID" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("facts.incurredOn")}</label>
          <input id={`${id}-date`} name="date" type="date" value={form.date} onChange={set("date")} />
          <FieldError error={error} name="date" />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-category`}>{t("facts.category")}</label>
          <input id={`${id}-category`} name="category" maxLength={100} value={form.category} onChange={set("category")} />
          <FieldError error={error} name="category" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>{t("facts.amount")}</label>
          <input id={`${id}-amount`} name="amount" inputMode="decimal" value={form.amount} onChange={set("amount")} />
          <FieldError error={error} name="amount" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("facts.note")}</label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} value={form.note} onChange={set("note")} />
        <FieldError error={error} name="note" />
      </div>
      <GeneralErrors error={error} fields={["channelID", "dealerID", "date", "category", "amount", "note"]} />
      <p className="actions-row">
        <button type="submit" className="button button-primary" disabled={fetching}>
          {t("facts.recordCost")}
        </button>
        <span role="status" className="muted facts-done">
          {done ? t("facts.recorded") : ""}
        </span>
      </p>
    </form>
  );
}

/** A month's shares, a percentage per territory; saved all at once. */
function SharesForm({
  month,
  territories,
  current,
  onSent,
}: {
  month: string;
  territories: { id: string; code: string; name: string; nameZh?: string | null }[];
  current: Record<string, number>;
  onSent: () => void;
}) {
  const { t, i18n } = useTranslation();
  const pct = (v?: number) => (v === undefined ? "" : String(Math.round(v * 1000) / 10));
  const [values, setValues] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [{ fetching, error }, submit] = useMutation(SetSharesMutation);
  const shown = (id: string) => values[id] ?? pct(current[id]);
  return (
    <form
      className="form facts-form shares-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const input = territories
          .filter((x) => shown(x.id).trim() !== "")
          .map((x) => ({ territoryID: x.id, month, share: Number(shown(x.id)) / 100 }));
        const r = await submit({ input });
        if (!r.error) {
          setValues({});
          setDone(true);
          onSent();
        }
      }}
    >
      <table className="table facts-shares">
        <tbody>
          {territories.map((x) => (
            <tr key={x.id} data-territory={x.code}>
              <th scope="row">
                <label htmlFor={`share-${x.id}`}>{localName(x, i18n.language)}</label>
              </th>
              <td className="num">
                <input
                  id={`share-${x.id}`}
                  inputMode="decimal"
                  className="share-input"
                  value={shown(x.id)}
                  onChange={(e) => setValues((v) => ({ ...v, [x.id]: e.target.value }))}
                />{" "}
                %
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <GeneralErrors error={error} fields={[]} />
      <p className="actions-row">
        <button type="submit" className="button button-primary" disabled={fetching}>
          {t("facts.saveShares")}
        </button>
        <span role="status" className="muted facts-done">
          {done ? t("facts.recorded") : ""}
        </span>
      </p>
    </form>
  );
}

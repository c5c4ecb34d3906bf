import { lazy, Suspense, useCallback, useEffect, useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { SignalStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { refusal } from "../errors";
import { formatTime } from "../format";
import { useSignalEvents, type SignalEvent } from "../live/useSignalEvents";
import { OpenByRuleQuery, ResolveSignalMutation, SignalChannelsQuery, SignalsQuery } from "./ops";
import { RULES, STATUSES, evidenceText, groupByChannel, mergeLive, openPerRule, scorecardLink, subjectText, trendLink, type Signal } from "./signals";
import { localName } from "../i18n/localName";

const BarsChart = lazy(() => import("../appraisal/BarsChart"));

const PAGE_SIZE = 50;
const HIGHLIGHT_MS = 6000;

function isStatus(s: string | null): s is SignalStatus {
  return !!s && (STATUSES as string[]).includes(s);
}

/**
 * The signals inbox of managers and administrators: open signals first,
 * grouped by channel, filtered by status, rule and channel, kept current as
 * signals are raised, withdrawn and resolved; an open one is resolved here
 * with a note.
 */
export function SignalsInbox() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("signals.title"));
  const ruleId = useId();
  const channelId = useId();
  const [{ data: viewer }] = useViewer();
  const admin = viewer?.me.role === "ADMIN";
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const asked = params.get("status");
  // Open by default; "ALL" shows every status.
  const status: SignalStatus | null = asked === "ALL" ? null : isStatus(asked) ? asked : "OPEN";
  const tab = status ?? "ALL";
  const ruleParam = Number(params.get("rule"));
  const rule = RULES.includes(ruleParam as (typeof RULES)[number]) ? ruleParam : null;
  const channelID = params.get("channel") || null;
  const after = params.get("after");
  const variables = { status, rule, channelID, first: PAGE_SIZE, after };
  const [{ data, error, fetching }, refetch] = useQuery({ query: SignalsQuery, variables });
  const [{ data: perRule }, refetchPerRule] = useQuery({ query: OpenByRuleQuery });
  const [{ data: channels }] = useQuery({ query: SignalChannelsQuery });
  const reload = useCallback(() => {
    refetch({ requestPolicy: "network-only" });
    refetchPerRule({ requestPolicy: "network-only" });
  }, [refetch, refetchPerRule]);

  // Signals heard of live, as they are now, and when: raised ones are
  // highlighted; withdrawn and resolved ones leave the Open list with their outcome.
  const [heard, setHeard] = useState<Record<string, { signal: Signal; at: number }>>({});
  const [announcement, setAnnouncement] = useState("");
  const onEvent = (e: SignalEvent) => {
    setHeard((h) => ({ ...h, [e.signal.id]: { signal: e.signal, at: Date.now() } }));
    setAnnouncement(t(`signals.live.${e.status}`, { rule: t(`signals.rule.${e.signal.rule}`), subject: subjectText(e.signal, i18n.language) }));
    refetchPerRule({ requestPolicy: "network-only" });
  };
  useSignalEvents({ eventCursor: data?.eventCursor, onEvent, onExpired: reload });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const set = (key: string, value: string | null) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    p.delete("after");
    setParams(p);
  };
  // The API pages forward only: "previous" goes back the way the reader came.
  const setPage = (page: { after?: string; before?: string }) => {
    const p = new URLSearchParams(params);
    if (page.before) {
      const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
      if (idx > 0) return void navigate(-1);
      p.delete("after");
    } else if (page.after) p.set("after", page.after);
    setParams(p);
  };

  const listed = (data?.signals.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  // Only what the filters ask for is merged: a signal raised for another rule stays out.
  const fits = (s: Signal) => (!rule || s.rule === rule) && (!channelID || (s.dealer?.channel.id ?? s.channel?.id) === channelID);
  const live = Object.values(heard).map((h) => h.signal).filter(fits);
  const { shown, moved } = mergeLive(listed, live, status);
  const fresh = (id: string) => !!heard[id] && now - heard[id].at < HIGHLIGHT_MS;
  const groups = groupByChannel(shown, t("signals.territories"), i18n.language);
  const bars = openPerRule(perRule);

  if (viewer?.me.role === "DEALER") return <NotFound />;
  return (
    <section aria-labelledby="signals-title" className="signals">
      <div className="page-head">
        <h1 id="signals-title">{t("signals.title")}</h1>
        <Link className="button" to="/signals/rules" data-link="signal-rules">
          {admin ? t("signals.rules.editLink") : t("signals.rules.link")}
        </Link>
      </div>
      <p className="lead">{t("signals.intro")}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {perRule && perRule.all.totalCount > 0 && (
        <figure className="signals-chart">
          <figcaption>{t("signals.chart", { count: perRule.all.totalCount })}</figcaption>
          <Suspense fallback={null}>
            <BarsChart name={t("signals.openCount")} format={(v) => String(Math.round(v))} points={bars.map((b) => ({ label: String(b.rule), value: b.count }))} />
          </Suspense>
        </figure>
      )}
      <div className="tabs signals-tabs" role="group" aria-label={t("signals.status")}>
        {(["OPEN", "WITHDRAWN", "RESOLVED", "ALL"] as const).map((s) => (
          <button key={s} type="button" className={`button${tab === s ? " button-primary" : ""}`} aria-pressed={tab === s} data-tab={s} onClick={() => set("status", s === "OPEN" ? null : s)}>
            {t(`signals.tab.${s}`)}
          </button>
        ))}
      </div>
      <div className="filter">
        <label htmlFor={ruleId}>{t("signals.filterRule")}</label>
        <select id={ruleId} name="rule" value={rule ?? ""} onChange={(e) => set("rule", e.target.value || null)}>
          <option value="">{t("signals.allRules")}</option>
          {RULES.map((r) => (
            <option key={r} value={r}>
              {r}. {t(`signals.rule.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor={channelId}>{t("signals.filterChannel")}</label>
        <select id={channelId} name="channel" value={channelID ?? ""} onChange={(e) => set("channel", e.target.value || null)}>
          <option value="">{t("signals.allChannels")}</option>
          {(channels?.channels.edges ?? []).flatMap((e) =>
            e?.node ? [
              <option key={e.node.id} value={e.node.id}>
                {e.node.name}
              </option>,
            ] : [],
          )}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : (
        <>
          {moved.length > 0 && (
            <div className="signals-moved" data-moved>
              <h2>{t("signals.moved")}</h2>
              <SignalTable signals={moved} fresh={fresh} lang={i18n.language} />
            </div>
          )}
          {shown.length === 0 ? (
            <Empty>{t(`signals.empty.${tab}`)}</Empty>
          ) : (
            <>
              <p className="count">{t("signals.count", { count: Math.max(data?.signals.totalCount ?? 0, shown.length) })}</p>
              {groups.map((g) => (
                <div key={g.key} className="signals-group" data-group={g.key}>
                  <h2>{g.name}</h2>
                  <SignalTable signals={g.signals} fresh={fresh} lang={i18n.language} />
                </div>
              ))}
            </>
          )}
          {data && <Pager pageInfo={{ ...data.signals.pageInfo, hasPreviousPage: !!after, startCursor: after }} onPage={setPage} />}
        </>
      )}
    </section>
  );
}

function SignalTable({ signals, fresh, lang }: { signals: Signal[]; fresh: (id: string) => boolean; lang: string }) {
  const { t } = useTranslation();
  return (
    <table className="table signals-table">
      <thead>
        <tr>
          <th scope="col">{t("signals.col.rule")}</th>
          <th scope="col">{t("signals.col.subject")}</th>
          <th scope="col">{t("signals.col.period")}</th>
          <th scope="col">{t("signals.col.evidence")}</th>
          <th scope="col">{t("signals.col.raisedAt")}</th>
          <th scope="col">{t("signals.col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {signals.map((s) => (
          <SignalRow key={s.id} s={s} fresh={fresh(s.id)} lang={lang} />
        ))}
      </tbody>
    </table>
  );
}

function SignalRow({ s, fresh, lang }: { s: Signal; fresh: boolean; lang: string }) {
  const { t, i18n } = useTranslation();
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState("");
  const [{ fetching }, resolve] = useMutation(ResolveSignalMutation);
  const onResolve = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!note.trim()) {
      setProblem(t("signals.resolve.noteRequired"));
      return;
    }
    setProblem("");
    const r = await resolve({ id: s.id, note: note.trim() });
    if (r.error) setProblem(refusal(t, r.error, "signals.resolve.refused"));
    else setOpen(false);
  };
  const subjectKind = t(`signals.subjectKind.${s.subjectKind}`);
  return (
    <tr className={fresh ? "live-changed" : undefined} data-signal={s.id} data-rule={s.rule} data-status={s.status} data-period={s.period} data-dealer={s.dealer?.code ?? ""}>
      <th scope="row" data-label={t("signals.col.rule")}>
        <span className="signals-rule-no">{s.rule}.</span> {t(`signals.rule.${s.rule}`)}
      </th>
      <td data-label={t("signals.col.subject")}>
        <span className="signals-subject">{subjectText(s, i18n.language)}</span>
        <span className="signals-subject-kind"> · {subjectKind}</span>
        {s.dealer && <span className="signals-subject-kind"> · {localName(s.dealer.channel, i18n.language)}</span>}
      </td>
      <td data-label={t("signals.col.period")} className="mono signals-period">
        {s.period}
      </td>
      <td data-label={t("signals.col.evidence")} className="signals-evidence">
        {evidenceText(t, s.rule, s.evidence)}
        <span className="signals-links">
          <Link to={scorecardLink(s)} data-link="scorecard">
            {t("signals.scorecard")}
          </Link>
          <Link to={trendLink(s)} data-link="trend">
            {t("signals.trend")}
          </Link>
        </span>
      </td>
      <td data-label={t("signals.col.raisedAt")}>{formatTime(s.raisedAt, lang)}</td>
      <td data-label={t("signals.col.status")} className="signals-outcome">
        <span className={`badge badge-signal-${s.status.toLowerCase()}`}>{t(`signals.status_.${s.status}`)}</span>
        {s.status === "WITHDRAWN" && (
          <p className="signals-reason" data-withdrawn>
            {s.withdrawnReason ?? ""}
            {s.withdrawnAt && <span className="signals-when"> · {formatTime(s.withdrawnAt, lang)}</span>}
          </p>
        )}
        {s.status === "RESOLVED" && (
          <p className="signals-reason" data-resolved>
            {s.resolutionNote ?? ""}
            {(s.resolvedByName || s.resolvedAt) && (
              <span className="signals-when">
                {" · "}
                {t("signals.resolvedBy", { name: s.resolvedByName || "–", at: s.resolvedAt ? formatTime(s.resolvedAt, lang) : "" })}
              </span>
            )}
          </p>
        )}
        {s.status === "OPEN" &&
          (open ? (
            <form className="signals-resolve" onSubmit={onResolve} noValidate>
              <label htmlFor={noteId}>{t("signals.resolve.note")}</label>
              <textarea id={noteId} name="note" rows={2} required value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={!!problem} />
              {problem && (
                <p className="field-error" role="alert">
                  {problem}
                </p>
              )}
              <div className="inline-form">
                <button type="submit" className="button button-primary" disabled={fetching}>
                  {t("signals.resolve.submit")}
                </button>
                <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
                  {t("signals.resolve.cancel")}
                </button>
              </div>
            </form>
          ) : (
            <button type="button" className="button signals-resolve-open" onClick={() => setOpen(true)}>
              {t("signals.resolve.open")}
            </button>
          ))}
      </td>
    </tr>
  );
}

import { Fragment, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useClient, useQuery } from "urql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { NotFound } from "../pages/NotFound";
import { formatTime } from "../format";
import { AuditMenusQuery, AuditTrailCSVQuery, AuditTrailQuery } from "./ops";
import { actionChoices, filterOf, recordLink, type FilterKey } from "./links";

/** Saves the API's CSV as a file, exactly as sent (with its byte order mark). */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The audit trail (administrators): who changed what and when, newest
 * first, filtered by user, dealer, kind of record, action and dates (kept
 * in the address, so a filtered view can be shared); each entry opens to
 * its fields before and after, and links to the record when the portal
 * has a page for it.
 */
export function AuditTrail() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("audit.title"));
  const ids = { actor: useId(), dealer: useId(), kind: useId(), action: useId(), from: useId(), to: useId() };
  const [{ data: viewer }] = useViewer();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [after, setAfter] = useState<string[]>([]);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [exporting, setExporting] = useState(false);
  const client = useClient();
  const isAdmin = viewer?.me.role === "ADMIN";
  const [menus] = useQuery({ query: AuditMenusQuery, pause: !isAdmin });
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AuditTrailQuery,
    variables: { filter, after: after[after.length - 1] ?? null },
    pause: !isAdmin,
    requestPolicy: "cache-and-network",
  });
  if (viewer && !isAdmin) return <NotFound />;

  const set = (k: FilterKey, v: string) => {
    // From the address as it is now: two changes before a render must
    // both be kept (the hook's params are those of the last render).
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setAfter([]);
  };
  const kindName = (k: string) => t(`audit.kinds.${k}`, { defaultValue: k });
  const exportCSV = async () => {
    setExporting(true);
    const r = await client.query(AuditTrailCSVQuery, { filter }, { requestPolicy: "network-only" }).toPromise();
    setExporting(false);
    if (r.data) download(r.data.auditTrailCSV, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
  };
  const entries = (data?.auditTrail.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const m = menus.data;
  const users = (m?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const dealers = (m?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="audit-title" className="audit">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <div className="inline-form audit-filters">
        <label htmlFor={ids.actor}>{t("audit.actor")}</label>
        <select id={ids.actor} name="actor" value={filter.actorID ?? ""} onChange={(e) => set("actor", e.target.value)}>
          <option value="">{t("audit.anyone")}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.dealer}>{t("audit.dealer")}</label>
        <select id={ids.dealer} name="dealer" value={filter.dealerID ?? ""} onChange={(e) => set("dealer", e.target.value)}>
          <option value="">{t("audit.all")}</option>
          {dealers.map((d) => (
            <option key={d.id} value={d.id}>
              {d.code} {d.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.kind}>{t("audit.kind")}</label>
        <select id={ids.kind} name="kind" value={filter.subjectType ?? ""} onChange={(e) => set("kind", e.target.value)}>
          <option value="">{t("audit.all")}</option>
          {m?.auditSubjectTypes.map((k) => (
            <option key={k} value={k}>
              {kindName(k)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.action}>{t("audit.action")}</label>
        <select id={ids.action} name="action" value={filter.action ?? ""} onChange={(e) => set("action", e.target.value)}>
          <option value="">{t("audit.all")}</option>
          {actionChoices(m?.auditActions ?? []).map((a) => (
            <option key={a} value={a}>
              {a.endsWith(".") ? t("audit.family", { name: a.slice(0, -1) }) : a}
            </option>
          ))}
        </select>
        <label htmlFor={ids.from}>{t("audit.from")}</label>
        <input id={ids.from} name="from" type="date" value={filter.from ?? ""} onChange={(e) => set("from", e.target.value)} />
        <label htmlFor={ids.to}>{t("audit.to")}</label>
        <input id={ids.to} name="to" type="date" value={filter.to ?? ""} onChange={(e) => set("to", e.target.value)} />
        <button type="button" className="button" data-action="export-csv" onClick={exportCSV} disabled={exporting} aria-busy={exporting}>
          {exporting ? t("audit.exporting") : t("audit.exportCSV")}
        </button>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : entries.length === 0 ? (
        <Empty>{t("audit.none")}</Empty>
      ) : (
        <>
          <p className="hint" data-count={data?.auditTrail.totalCount}>
            {t("audit.count", { count: data?.auditTrail.totalCount ?? 0 })}
          </p>
          <div className="table-scroll">
            <table className="table audit-trail">
              <thead>
                <tr>
                  <th scope="col">{t("audit.when")}</th>
                  <th scope="col">{t("audit.actor")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.record")}</th>
                  <th scope="col">{t("audit.dealer")}</th>
                  <th scope="col">{t("audit.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const link = recordLink(e.subjectType, e.subjectID);
                  const label = `${kindName(e.subjectType)} ${e.subjectID}`;
                  return (
                    <Fragment key={e.id}>
                      <tr data-entry={e.id} data-action={e.action}>
                        <td data-label={t("audit.when")}>{formatTime(e.at, i18n.language)}</td>
                        <td data-label={t("audit.actor")}>{e.actorName}</td>
                        <td data-label={t("audit.action")}>
                          <code>{e.action}</code>
                        </td>
                        <td data-label={t("audit.record")}>{link ? <Link to={link} data-record-link>{label}</Link> : label}</td>
                        <td data-label={t("audit.dealer")}>{e.dealer ? `${e.dealer.code} ${e.dealer.name}` : "—"}</td>
                        <td data-label={t("audit.changes")}>
                          {e.changes.length === 0 ? (
                            "—"
                          ) : (
                            <button
                              type="button"
                              className="button"
                              aria-expanded={!!open[e.id]}
                              data-expand={e.id}
                              onClick={() => setOpen({ ...open, [e.id]: !open[e.id] })}
                            >
                              {open[e.id] ? t("audit.hide") : t("audit.show", { count: e.changes.length })}
                            </button>
                          )}
                        </td>
                      </tr>
                      {open[e.id] && (
                        <tr className="audit-detail" data-detail={e.id}>
                          <td colSpan={6}>
                            <table className="table audit-changes">
                              <thead>
                                <tr>
                                  <th scope="col">{t("audit.field")}</th>
                                  <th scope="col">{t("audit.before")}</th>
                                  <th scope="col">{t("audit.after")}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {e.changes.map((c, i) => (
                                  <tr key={i}>
                                    <th scope="row" data-label={t("audit.field")}>
                                      {c.field}
                                    </th>
                                    <td data-label={t("audit.before")} className="audit-value">
                                      {c.before ?? "—"}
                                    </td>
                                    <td data-label={t("audit.after")} className="audit-value">
                                      {c.after ?? "—"}
                                    </td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="pager">
            {after.length > 0 && (
              <button type="button" className="button" onClick={() => setAfter(after.slice(0, -1))}>
                {t("audit.newer")}
              </button>
            )}
            {data?.auditTrail.pageInfo.hasNextPage && (
              <button type="button" className="button" onClick={() => setAfter([...after, data.auditTrail.pageInfo.endCursor!])}>
                {t("audit.older")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

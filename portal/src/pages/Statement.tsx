import { useId, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useClient, useQuery } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney, formatDate } from "../format";
import { isNegative, isZero, periodFrom } from "../accounts/period";
import { lineText } from "../accounts/statementLine";
import { linkParts, statementFileName } from "../statement/links";

export const StatementTodayQuery = graphql(`
  query StatementToday {
    settings {
      today
      currency
    }
  }
`);

export const AccountStatementQuery = graphql(`
  query AccountStatement($dealerID: ID!, $from: Date!, $to: Date!) {
    accountStatement(dealerID: $dealerID, from: $from, to: $to) {
      dealer {
        id
        code
        name
      }
      from
      to
      openingBalance
      invoiced
      paid
      credited
      closingBalance
      unappliedCredit
      lines {
        date
        kind
        reference
        orderNumber
        shipmentNumber
        reason
        debit
        credit
        balance
        dueOn
        disputed
        invoice {
          id
          disputableAmount
          order {
            id
          }
          shipment {
            id
            order {
              id
            }
          }
        }
      }
      ageing {
        at
        notYetDue
        overdue1To30
        overdue31To60
        overdue61To90
        overdueOver90
        overdue
        disputed
      }
    }
  }
`);

export const AccountStatementCSVQuery = graphql(`
  query AccountStatementCSV($dealerID: ID!, $from: Date!, $to: Date!) {
    accountStatementCSV(dealerID: $dealerID, from: $from, to: $to)
  }
`);

/** Hands the API's CSV to the browser as a file; the text is saved exactly as sent (with its byte-order mark). */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A dealer's account over a period: opening balance, every invoice, payment
 * and credit note with the balance after it, closing balance and what is
 * overdue. A dealer user reads its own at /statement; staff reach a dealer's
 * from its page, /dealers/<id>/statement. Amounts are the API's exact
 * decimals, only formatted here.
 */
export function Statement() {
  const { id: routeDealer } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const [{ data: settings }] = useQuery({ query: StatementTodayQuery });
  const [params, setParams] = useSearchParams();
  const dealerID = routeDealer ?? viewer?.me.dealer?.id ?? "";
  // A dealer user disputes its own dealer's invoices from here.
  const disputes = viewer?.me.role === "DEALER" && viewer.me.dealer?.id === dealerID;
  const today = settings?.settings.today;
  const period = today ? periodFrom({ from: params.get("from"), to: params.get("to") }, today) : null;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AccountStatementQuery,
    variables: { dealerID, from: period?.from ?? "", to: period?.to ?? "" },
    pause: !dealerID || !period,
  });
  const st = data?.accountStatement;
  usePageTitle(st ? t("statement.titleOf", { name: st.dealer.name }) : t("statement.title"));
  const money = (m: string) => formatMoney(m, i18n.language);
  const day = (d: string | null | undefined) => formatDate(d, i18n.language);
  const client = useClient();
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState(false);
  const exportCSV = async () => {
    if (!st) return;
    setExporting(true);
    setExportFailed(false);
    const r = await client
      .query(AccountStatementCSVQuery, { dealerID: st.dealer.id, from: st.from, to: st.to }, { requestPolicy: "network-only" })
      .toPromise();
    setExporting(false);
    if (r.data) download(r.data.accountStatementCSV, statementFileName(st.dealer.code, st.from, st.to));
    else setExportFailed(true);
  };

  if (viewer && !routeDealer && !viewer.me.dealer) return <Empty>{t("home.noDealer")}</Empty>;
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!period || (fetching && !data) || !st) return <Loading />;

  const lines = st.lines;
  const buckets: [string, string][] = [
    ["statement.notYetDue", st.ageing.notYetDue],
    ["statement.overdue0To30", st.ageing.overdue1To30],
    ["statement.overdue31To60", st.ageing.overdue31To60],
    ["statement.overdue61To90", st.ageing.overdue61To90],
    ["statement.overdueOver90", st.ageing.overdueOver90],
  ];
  return (
    <article aria-labelledby="statement-title" className="statement">
      {routeDealer && (
        <p className="no-print">
          <Link to={`/dealers/${encodeURIComponent(routeDealer)}`}>← {st.dealer.name}</Link>
        </p>
      )}
      <p className="eyebrow">
        {st.dealer.name} · {st.dealer.code}
      </p>
      <h1 id="statement-title">{t("statement.title")}</h1>
      <PeriodPicker
        key={`${period.from}/${period.to}`}
        from={period.from}
        to={period.to}
        onChange={(p) => setParams(p, { replace: false })}
      />
      <p className="actions-row statement-actions no-print">
        <button type="button" className="button" data-action="export-csv" onClick={exportCSV} disabled={exporting} aria-busy={exporting}>
          {exporting ? t("statement.exporting") : t("statement.exportCSV")}
        </button>
        <button type="button" className="button" data-action="print" onClick={() => window.print()}>
          {t("statement.print")}
        </button>
      </p>
      {exportFailed && (
        <p className="field-error no-print" role="alert">
          {t("statement.exportFailed")}
        </p>
      )}
      <p className="muted">
        {t("statement.period", { from: day(st.from), to: day(st.to) })}
        {settings?.settings.currency ? ` · ${t("statement.currency", { currency: settings.settings.currency })}` : ""}
      </p>

      <section aria-labelledby="statement-summary" className="card">
        <h2 id="statement-summary">{t("statement.summary")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("statement.openingBalance")}</dt>
            <dd className="money" data-field="opening">{money(st.openingBalance)}</dd>
          </div>
          <div>
            <dt>{t("statement.invoiced")}</dt>
            <dd className="money">{money(st.invoiced)}</dd>
          </div>
          <div>
            <dt>{t("statement.paid")}</dt>
            <dd className="money">{money(st.paid)}</dd>
          </div>
          <div>
            <dt>{t("statement.credited")}</dt>
            <dd className="money">{money(st.credited)}</dd>
          </div>
          <div>
            <dt>{t("statement.closingBalance")}</dt>
            <dd className="money total" data-field="closing">
              {money(st.closingBalance)}
              {isNegative(st.closingBalance) && <span className="muted"> ({t("statement.inCredit")})</span>}
            </dd>
          </div>
          {!isZero(st.unappliedCredit) && (
            <div>
              <dt>{t("statement.unappliedCredit")}</dt>
              <dd className="money">{money(st.unappliedCredit)}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="statement-lines">
        <h2 id="statement-lines">{t("statement.entries")}</h2>
        <table className="table statement-lines">
          <thead>
            <tr>
              <th scope="col">{t("statement.date")}</th>
              <th scope="col">{t("statement.reference")}</th>
              <th scope="col">{t("statement.description")}</th>
              <th scope="col">{t("statement.dueOn")}</th>
              <th scope="col" className="num">
                {t("statement.debit")}
              </th>
              <th scope="col" className="num">
                {t("statement.credit")}
              </th>
              <th scope="col" className="num">
                {t("statement.balance")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="statement-opening">
              <td data-label={t("statement.date")} className="date">{day(st.from)}</td>
              <th scope="row" colSpan={5} data-label={t("statement.reference")}>
                {t("statement.openingBalance")}
              </th>
              <td data-label={t("statement.balance")} className="num money">
                {money(st.openingBalance)}
              </td>
            </tr>
            {lines.map((l, i) => (
              <tr key={`${l.kind}-${l.reference}-${i}`} data-kind={l.kind}>
                <td data-label={t("statement.date")} className="date">{day(l.date)}</td>
                <th scope="row" data-label={t("statement.reference")} className="mono">
                  <span className="visually-hidden">{t(`statementKind.${l.kind}`)} </span>
                  {l.reference}
                </th>
                <td data-label={t("statement.description")}>
                  <span className={`badge statement-kind kind-${l.kind.toLowerCase()}`}>{t(`statementKind.${l.kind}`)}</span>{" "}
                  {linkParts(lineText(t, l), [
                    { text: l.orderNumber, href: l.invoice ? `/orders/${encodeURIComponent(l.invoice.order.id)}` : null },
                    {
                      text: l.shipmentNumber,
                      href: l.invoice
                        ? `/orders/${encodeURIComponent(l.invoice.shipment.order.id)}#shipment-${encodeURIComponent(l.invoice.shipment.id)}`
                        : null,
                    },
                  ]).map((part, k) =>
                    part.href ? (
                      <Link key={k} to={part.href} className="mono" data-link={part.text}>
                        {part.text}
                      </Link>
                    ) : (
                      <span key={k}>{part.text}</span>
                    ),
                  )}
                </td>
                <td data-label={t("statement.dueOn")} className="date">
                  {day(l.dueOn)}
                  {!isZero(l.disputed) && (
                    <span className="badge badge-dispute-open" data-disputed={l.disputed}>
                      {" "}
                      {t("disputes.onStatement", { amount: money(l.disputed) })}
                    </span>
                  )}
                  {disputes && l.invoice && !isZero(l.invoice.disputableAmount) && (
                    <Link
                      to={`/disputes/new?invoice=${encodeURIComponent(l.invoice.id)}`}
                      className="no-print dispute-link"
                      data-action="dispute"
                    >
                      {" "}
                      {t("disputes.raise")}
                    </Link>
                  )}
                </td>
                <td data-label={t("statement.debit")} className="num money">
                  {isZero(l.debit) ? "" : money(l.debit)}
                </td>
                <td data-label={t("statement.credit")} className="num money">
                  {isZero(l.credit) ? "" : money(l.credit)}
                </td>
                <td data-label={t("statement.balance")} className="num money">
                  {money(l.balance)}
                </td>
              </tr>
            ))}
            {!lines.length && (
              <tr>
                <td colSpan={7} className="muted">
                  {t("statement.noEntries")}
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6} className="num">
                {t("statement.closingBalance")} ({day(st.to)})
              </th>
              <td className="num money total" data-label={t("statement.closingBalance")}>
                {money(st.closingBalance)}
              </td>
            </tr>
          </tfoot>
        </table>
      </section>

      <section aria-labelledby="statement-ageing" className="card">
        <h2 id="statement-ageing">{t("statement.ageing")}</h2>
        <p className="muted">{t("statement.ageingAt", { date: day(st.ageing.at) })}</p>
        {!isZero(st.ageing.disputed) && (
          <p className="notice" data-field="disputed">
            {t("disputes.ageingNote", { amount: money(st.ageing.disputed) })}
          </p>
        )}
        <table className="table ageing">
          <thead>
            <tr>
              {buckets.map(([k]) => (
                <th key={k} scope="col" className="num">
                  {t(k)}
                </th>
              ))}
              <th scope="col" className="num">
                {t("statement.overdueTotal")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {buckets.map(([k, v]) => (
                <td key={k} data-label={t(k)} className="num money" data-bucket={k.split(".")[1]}>
                  {money(v)}
                </td>
              ))}
              <td data-label={t("statement.overdueTotal")} className="num money total" data-bucket="overdue">
                {money(st.ageing.overdue)}
              </td>
            </tr>
          </tbody>
        </table>
      </section>
    </article>
  );
}

function PeriodPicker({ from, to, onChange }: { from: string; to: string; onChange: (p: { from: string; to: string }) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState(from);
  const [tt, setT] = useState(to);
  const invalid = !!f && !!tt && f > tt;
  return (
    <form
      className="period-picker search-form no-print"
      aria-label={t("statement.periodLabel")}
      onSubmit={(e) => {
        e.preventDefault();
        if (f && tt && !invalid) onChange({ from: f, to: tt });
      }}
    >
      <div className="period-field">
        <label htmlFor={`${id}-from`}>{t("statement.from")}</label>
        <input id={`${id}-from`} type="date" required value={f} max={tt || undefined} onChange={(e) => setF(e.target.value)} />
      </div>
      <div className="period-field">
        <label htmlFor={`${id}-to`}>{t("statement.to")}</label>
        <input id={`${id}-to`} type="date" required value={tt} min={f || undefined} onChange={(e) => setT(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={invalid}>
        {t("statement.show")}
      </button>
      {invalid && (
        <p className="field-error" role="alert">
          {t("statement.periodInvalid")}
        </p>
      )}
    </form>
  );
}

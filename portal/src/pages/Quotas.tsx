import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useMutation, useQuery, type CombinedError } from "urql";
import { graphql } from "../gql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe, problemsOf, refusal } from "../errors";
import { localName } from "../i18n/localName";

export const QuotaGridQuery = graphql(`
  query QuotaGrid($from: Period!, $to: Period!, $year: Period!, $where: DealerWhereInput, $channelID: ID) {
    channels(first: 50) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }, where: $where) {
      edges {
        node {
          id
          code
          name
          quotaProgress(period: $year) {
            period
            quota
            netSales
            completion
          }
        }
      }
    }
    quotas(from: $from, to: $to, channelID: $channelID) {
      id
      dealerID
      month
      amount
    }
  }
`);

export const SetQuotasMutation = graphql(`
  mutation SetQuotas($input: [QuotaInput!]!) {
    setQuotas(input: $input) {
      id
      dealerID
      month
      amount
    }
  }
`);

export const ImportQuotasMutation = graphql(`
  mutation ImportQuotas($csv: String!) {
    importQuotas(csv: $csv) {
      written
    }
  }
`);

export const QuotasCSVQuery = graphql(`
  query QuotasCSV($from: Period!, $to: Period!, $channelID: ID) {
    quotasCSV(from: $from, to: $to, channelID: $channelID)
  }
`);

/** One bad row of an imported file, as the API lists it in extensions.rows. */
export type RowProblem = { line: number; field: string };

/** The bad rows of a refused import. */
export function rowProblemsOf(error: CombinedError | undefined): RowProblem[] {
  const rows = error?.graphQLErrors[0]?.extensions?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((r) =>
    r && typeof r === "object" && typeof r.line === "number"
      ? [{ line: r.line, field: String(r.field ?? "") }]
      : [],
  );
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const MAX_FILE = 512 * 1024;

// The columns a row problem names, as the translations key them.
const COLUMN: Record<string, string> = { "dealer code": "dealerCode", month: "month", amount: "amount", row: "row" };

const cellKey = (dealerID: string, month: string) => `${dealerID}|${month}`;

/** Minor units of a Money string ("1234.50"), for sums shown here only. */
function minor(amount: string): number {
  const [whole, frac = ""] = amount.split(".");
  return Number(whole) * 100 + Number((frac + "00").slice(0, 2));
}

function formatMinor(n: number): string {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
}

/**
 * Staff set the dealers' monthly quotas here: a grid of dealers by months
 * of a year, edited in place and saved all at once (any bad cell refuses
 * the whole save and is marked), each dealer's year total and completion,
 * and the same quotas as a CSV file to download or to upload.
 */
export function Quotas() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("quotas.title"));
  const yearId = useId();
  const channelId = useId();
  const fileId = useId();
  const client = useClient();
  const [{ data: viewer }] = useViewer();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [channel, setChannel] = useState("");
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [bad, setBad] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState("");
  const [importDone, setImportDone] = useState("");
  const [importRows, setImportRows] = useState<RowProblem[]>([]);
  const [importError, setImportError] = useState("");
  const fileRef = useRef<HTMLInputElement>(null);
  const from = `${year}-01`;
  const to = `${year}-12`;
  const variables = {
    from,
    to,
    year: String(year),
    where: channel ? { channelID: channel } : null,
    channelID: channel || null,
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: QuotaGridQuery, variables, pause: viewer?.me.role === "DEALER" });
  const [saving, save] = useMutation(SetQuotasMutation);
  const [importing, importQuotas] = useMutation(ImportQuotasMutation);
  const reload = () => refetch({ requestPolicy: "network-only" });

  if (viewer?.me.role === "DEALER") {
    return (
      <section>
        <h1>{t("quotas.title")}</h1>
        <Empty>{t("quotas.staffOnly")}</Empty>
      </section>
    );
  }

  const amounts: Record<string, string> = {};
  for (const q of data?.quotas ?? []) amounts[cellKey(q.dealerID, q.month)] = q.amount;
  const dealers = (data?.dealers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const channels = (data?.channels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const pending = Object.keys(edits);
  const numberFormat = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 });

  const edit = (key: string, value: string) => {
    setSaved("");
    setBad((b) => {
      const { [key]: _, ...rest } = b;
      void _;
      return rest;
    });
    setEdits((e) => {
      if (value === (amounts[key] ?? "")) {
        const { [key]: _, ...rest } = e;
        void _;
        return rest;
      }
      return { ...e, [key]: value };
    });
  };

  const onSave = async () => {
    const keys = Object.keys(edits);
    // Cells the API would refuse anyway are marked before sending.
    const local: Record<string, string> = {};
    for (const k of keys) if (!AMOUNT.test(edits[k].trim())) local[k] = t("quotas.badAmount");
    if (Object.keys(local).length) {
      setBad(local);
      return;
    }
    const input = keys.map((k) => {
      const [dealerID, month] = k.split("|");
      return { dealerID, month, amount: edits[k].trim() };
    });
    const r = await save({ input });
    if (r.error) {
      const marks: Record<string, string> = {};
      for (const p of problemsOf(r.error)) {
        const m = /^input\[(\d+)\]/.exec(p.field);
        const k = m ? keys[Number(m[1])] : undefined;
        if (k) marks[k] = describe(t, p, "quotas.refused");
      }
      if (!Object.keys(marks).length) marks[keys[0]] = refusal(t, r.error, "quotas.refused");
      setBad(marks);
      return;
    }
    setEdits({});
    setBad({});
    setSaved(t("quotas.saved", { count: keys.length }));
    reload();
  };

  const onExport = async () => {
    const r = await client.query(QuotasCSVQuery, { from, to, channelID: channel || null }, { requestPolicy: "network-only" }).toPromise();
    if (!r.data) return;
    const url = URL.createObjectURL(new Blob([r.data.quotasCSV], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `quotas-${year}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };

  const onImport = async (file: File | undefined) => {
    setImportDone("");
    setImportRows([]);
    setImportError("");
    if (!file) return;
    if (file.size > MAX_FILE) {
      setImportError(t("quotas.import.tooLarge"));
      return;
    }
    const r = await importQuotas({ csv: await file.text() });
    if (fileRef.current) fileRef.current.value = "";
    if (r.error) {
      const rows = rowProblemsOf(r.error);
      if (rows.length) setImportRows(rows);
      else setImportError(refusal(t, r.error, "quotas.refused"));
      return;
    }
    setImportDone(t("quotas.import.done", { count: r.data?.importQuotas.written ?? 0 }));
    reload();
  };

  return (
    <section aria-labelledby="quotas-title">
      <h1 id="quotas-title">{t("quotas.title")}</h1>
      <p className="lead">{t("quotas.intro")}</p>
      <div className="filter quota-filter">
        <label htmlFor={yearId}>{t("quotas.year")}</label>
        <select id={yearId} value={year} onChange={(e) => setYear(Number(e.target.value))} disabled={pending.length > 0}>
          {[-2, -1, 0, 1].map((d) => {
            const y = new Date().getFullYear() + d;
            return (
              <option key={y} value={y}>
                {y}
              </option>
            );
          })}
        </select>
        <label htmlFor={channelId}>{t("quotas.channel")}</label>
        <select id={channelId} value={channel} onChange={(e) => setChannel(e.target.value)} disabled={pending.length > 0}>
          <option value="">{t("quotas.allChannels")}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : dealers.length === 0 ? (
        <Empty>{t("quotas.empty")}</Empty>
      ) : (
        <>
          <div className="quota-scroll" role="region" aria-label={t("quotas.gridLabel", { year })} tabIndex={0}>
            <table className="quota-grid">
              <thead>
                <tr>
                  <th scope="col">{t("quotas.dealer")}</th>
                  {MONTHS.map((m) => (
                    <th key={m} scope="col" className="num">
                      {t(`quotas.month.${m}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("quotas.total")}
                  </th>
                  <th scope="col" className="num">
                    {t("quotas.completion")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dealers.map((d) => {
                  let total = 0;
                  for (const m of MONTHS) {
                    const k = cellKey(d.id, `${year}-${m}`);
                    const v = edits[k] ?? amounts[k] ?? "";
                    if (AMOUNT.test(v.trim())) total += minor(v.trim());
                  }
                  const c = d.quotaProgress.completion;
                  return (
                    <tr key={d.id} data-dealer={d.code}>
                      <th scope="row">
                        <span className="mono">{d.code}</span> <span className="quota-dealer-name">{d.name}</span>
                      </th>
                      {MONTHS.map((m) => {
                        const month = `${year}-${m}`;
                        const k = cellKey(d.id, month);
                        const problem = bad[k];
                        return (
                          <td key={m} className={problem ? "quota-cell quota-cell-bad" : edits[k] !== undefined ? "quota-cell quota-cell-edited" : "quota-cell"}>
                            <input
                              inputMode="decimal"
                              aria-label={t("quotas.cellLabel", { dealer: d.code, month })}
                              aria-invalid={problem ? true : undefined}
                              title={problem}
                              data-month={month}
                              value={edits[k] ?? amounts[k] ?? ""}
                              placeholder="0.00"
                              onChange={(e) => edit(k, e.target.value)}
                            />
                            {problem && (
                              <span className="quota-cell-error" role="alert">
                                {problem}
                              </span>
                            )}
                          </td>
                        );
                      })}
                      <td className="num money">{formatMinor(total)}</td>
                      <td className="num" title={t("quotas.netSales", { amount: d.quotaProgress.netSales })}>
                        {c === null || c === undefined ? "—" : numberFormat.format(c)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="quota-actions">
            <button type="button" className="button button-primary" disabled={!pending.length || saving.fetching} onClick={onSave}>
              {t("quotas.save", { count: pending.length })}
            </button>
            <button type="button" className="button button-quiet" disabled={!pending.length} onClick={() => (setEdits({}), setBad({}))}>
              {t("quotas.discard")}
            </button>
            {saved && (
              <span role="status" className="quota-saved">
                {saved}
              </span>
            )}
          </div>
        </>
      )}
      <h2>{t("quotas.csvTitle")}</h2>
      <p className="muted">{t("quotas.csvIntro")}</p>
      <div className="quota-actions">
        <button type="button" className="button" onClick={onExport}>
          {t("quotas.export", { year })}
        </button>
        <label htmlFor={fileId} className="button">
          {t("quotas.import.choose")}
        </label>
        <input
          id={fileId}
          ref={fileRef}
          type="file"
          accept=".csv,text/csv"
          className="visually-hidden"
          disabled={importing.fetching}
          onChange={(e) => onImport(e.target.files?.[0])}
        />
      </div>
      {importDone && (
        <p role="status" className="notice quota-import-done">
          {importDone}
        </p>
      )}
      {importError && (
        <p role="alert" className="state state-error">
          {importError}
        </p>
      )}
      {importRows.length > 0 && (
        <div role="alert" className="state state-error quota-import-rows">
          <p className="state-title">{t("quotas.import.refused", { count: importRows.length })}</p>
          <ul>
            {importRows.map((r, i) => (
              <li key={i} data-line={r.line}>
                {t("quotas.import.row", { line: r.line, field: t(`quotas.column.${COLUMN[r.field] ?? "row"}`) })}{" "}
                {/* The server's sentence is English; what is wrong is said from the column at fault. */}
                {t(`quotas.import.problem.${COLUMN[r.field] ?? "row"}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

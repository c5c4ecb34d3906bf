import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { refusal } from "../errors";
import { rowProblemsOf, type RowProblem } from "../pages/Quotas";

export const ImportStockMutation = graphql(`
  mutation ImportStock($csv: String!) {
    importStock(csv: $csv) {
      written
      unchanged
    }
  }
`);

const MAX_FILE = 1024 * 1024;

// The columns a row problem names, as the translations key them.
const COLUMN: Record<string, string> = { sku: "sku", "on hand": "onHand", "lead time days": "leadTime", row: "row" };

/**
 * Sets the warehouse's counts from a file (administrators): pasted from a
 * spreadsheet or uploaded, "SKU, on hand[, lead time days]" a row. The
 * server takes the file whole or not at all and names each bad line.
 */
export function StockImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const textId = useId();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [rows, setRows] = useState<RowProblem[]>([]);
  const [state, importStock] = useMutation(ImportStockMutation);

  const send = async (csv: string) => {
    setDone(null);
    setProblem(null);
    setRows([]);
    const r = await importStock({ csv });
    if (r.error) {
      const bad = rowProblemsOf(r.error);
      if (bad.length) setRows(bad);
      else setProblem(refusal(t, r.error, "stockImport.refused"));
      return;
    }
    const n = r.data?.importStock;
    setDone(t("stockImport.done", { count: n?.written ?? 0, unchanged: n?.unchanged ?? 0 }));
    setText("");
    onImported();
  };
  const onFile = async (file: File | undefined) => {
    if (fileRef.current) fileRef.current.value = "";
    if (!file) return;
    if (file.size > MAX_FILE) {
      setProblem(t("stockImport.tooLarge"));
      return;
    }
    await send(await file.text());
  };

  if (!open) {
    return (
      <button type="button" className="button button-quiet" data-action="open-stock-import" onClick={() => setOpen(true)}>
        {t("stockImport.open")}
      </button>
    );
  }
  return (
    <form
      className="stock-import"
      aria-label={t("stockImport.title")}
      onSubmit={(e) => {
        e.preventDefault();
        if (!state.fetching && text.trim()) send(text);
      }}
    >
      <h2>{t("stockImport.title")}</h2>
      <p className="muted">{t("stockImport.intro")}</p>
      <label htmlFor={textId}>{t("stockImport.paste")}</label>
      <textarea id={textId} rows={6} className="mono" value={text} placeholder={"SKU\tOn hand\tLead time days"} onChange={(e) => setText(e.target.value)} />
      <div className="quota-actions">
        <button type="submit" className="button" disabled={state.fetching || !text.trim()} data-action="import-stock">
          {t("stockImport.send")}
        </button>
        <label htmlFor={fileId} className="button button-quiet">
          {t("stockImport.choose")}
        </label>
        <input
          id={fileId}
          ref={fileRef}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          className="visually-hidden"
          disabled={state.fetching}
          onChange={(e) => onFile(e.target.files?.[0])}
        />
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t("stockImport.close")}
        </button>
      </div>
      {done && (
        <p role="status" className="notice stock-import-done">
          {done}
        </p>
      )}
      {problem && (
        <p role="alert" className="state state-error">
          {problem}
        </p>
      )}
      {rows.length > 0 && (
        <div role="alert" className="state state-error stock-import-rows">
          <p className="state-title">{t("stockImport.refusedRows", { count: rows.length })}</p>
          <ul>
            {rows.map((r, i) => (
              <li key={i} data-line={r.line}>
                {t("stockImport.row", { line: r.line, field: t(`stockImport.column.${COLUMN[r.field] ?? "row"}`) })}{" "}
                {/* The server's sentence is English; what is wrong is said from the column at fault. */}
                {t(`stockImport.problem.${COLUMN[r.field] ?? "row"}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

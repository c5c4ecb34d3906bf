import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient } from "urql";
import { graphql } from "../gql";
import type { ReadOrderListQuery } from "../gql/graphql";
import { refusal } from "../errors";
import { addQuantity, setQuantity } from "./cart";

export const ReadOrderListQueryDoc = graphql(`
  query ReadOrderList($text: String!) {
    readOrderList(text: $text) {
      ...OrderListReadingFields
    }
  }
`);

export const OrderListReadingFields = graphql(`
  fragment OrderListReadingFields on OrderListReading {
    lines {
      line
      quantity
      product {
        id
        sku
        name
        nameZh
      }
    }
    problems {
      line
      text
      reason
    }
    quote {
      lines {
        product {
          id
        }
        unitPrice
      }
    }
  }
`);

export type OrderListReading = ReadOrderListQuery["readOrderList"];

/**
 * Puts what a reading can order into the cart, at the quoted price: added
 * to what is there (a pasted list), or in place of it (ordering again).
 */
export function fillCart(reading: OrderListReading, mode: "add" | "set"): number {
  for (const l of reading.lines) {
    const price = reading.quote?.lines.find((q) => q.product.id === l.product.id)?.unitPrice ?? null;
    const line = { productID: l.product.id, sku: l.product.sku, name: l.product.name, nameZh: l.product.nameZh, unitPrice: price };
    if (mode === "add") addQuantity(line, l.quantity);
    else setQuantity(line, l.quantity);
  }
  return reading.lines.length;
}

/** The lines of a list that could not be ordered, each with why. */
export function ListProblems({ problems }: { problems: OrderListReading["problems"] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <div className="state state-error list-problems" role="alert">
      <p>{t("orderList.problems", { count: problems.length })}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("orderList.line")}
            </th>
            <th scope="col">{t("orderList.text")}</th>
            <th scope="col">{t("orderList.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={p.line} data-problem-line={p.line} data-reason={p.reason}>
              <td data-label={t("orderList.line")} className="num">
                {p.line}
              </td>
              <td data-label={t("orderList.text")} className="mono">
                {p.text}
              </td>
              <td data-label={t("orderList.reason")}>{t(`orderList.reasons.${p.reason}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Paste a list": a purchase list pasted from a spreadsheet or read from a
 * file (SKU and quantity per line). The server reads it; the lines it can
 * order go into the cart, the others are shown with why. Nothing is placed.
 */
export function PasteList() {
  const { t } = useTranslation();
  const client = useClient();
  const textId = useId();
  const fileId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [done, setDone] = useState<{ added: number; problems: OrderListReading["problems"] } | null>(null);

  const read = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError("");
    const res = await client.query(ReadOrderListQueryDoc, { text }, { requestPolicy: "network-only" }).toPromise();
    setBusy(false);
    const reading = res.data?.readOrderList;
    if (!reading) {
      setError(res.error?.graphQLErrors.length ? refusal(t, res.error) : t("orderList.failed"));
      return;
    }
    setDone({ added: fillCart(reading, "add"), problems: reading.problems });
    setText("");
  };

  const loadFile = async (files: FileList | null) => {
    const f = files?.[0];
    if (f) setText(await f.text());
  };

  if (!open) {
    return (
      <p className="actions-row">
        <button type="button" className="button paste-list-open" onClick={() => setOpen(true)}>
          {t("orderList.open")}
        </button>
      </p>
    );
  }
  return (
    <section className="card paste-list" aria-labelledby={`${textId}-title`}>
      <h2 id={`${textId}-title`}>{t("orderList.title")}</h2>
      <p className="muted">{t("orderList.hint")}</p>
      <form onSubmit={read} noValidate>
        <div className="field">
          <label htmlFor={textId}>{t("orderList.textField")}</label>
          <textarea
            id={textId}
            name="orderList"
            rows={6}
            className="mono"
            placeholder={"SKU, Quantity\nABC-100, 12"}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={fileId}>{t("orderList.file")}</label>
          <input id={fileId} type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={(e) => loadFile(e.target.files)} />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <p className="actions-row">
          <button type="submit" className="button button-primary paste-list-read" disabled={busy || !text.trim()} aria-busy={busy}>
            {busy ? t("orderList.reading") : t("orderList.read")}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
            {t("orderList.close")}
          </button>
        </p>
      </form>
      {done && (
        <>
          <p role="status" className="notice paste-list-added">
            {t("orderList.added", { count: done.added })}
          </p>
          <ListProblems problems={done.problems} />
        </>
      )}
    </section>
  );
}

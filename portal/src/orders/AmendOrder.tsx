import { useId, useState } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useClient, useMutation, type CombinedError } from "urql";
import { graphql } from "../gql";
import { describe } from "../errors";
import { mapFieldErrors } from "./fieldErrors";
import { useSettings } from "./settings";
import { clearCart } from "./cart";
import { ListProblems, ReadOrderListQueryDoc, fillCart, type OrderListReading } from "./PasteList";

export const AmendOrderMutation = graphql(`
  mutation AmendOrder($id: ID!, $expectedVersion: Int!, $input: AmendOrderInput!) {
    amendOrder(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
      status
      creditHold
      canAmend
      total
      requestedDeliveryDate
      purchaseOrderReference
      note
      lines {
        id
        position
        sku
        productName
        quantity
        unitPrice
        amount
        discountBasisPoints
        appliedPromotions {
          name
          discountBasisPoints
        }
        remainingToShip
      }
      history {
        id
        kind
        from
        to
        actorName
        at
        note
      }
    }
  }
`);

export const ReorderQuery = graphql(`
  query Reorder($id: ID!) {
    node(id: $id) {
      ... on Order {
        id
        reorder {
          ...OrderListReadingFields
        }
      }
    }
  }
`);

type AmendableOrder = {
  id: string;
  version: number;
  requestedDeliveryDate?: string | null;
  lines?: { position: number; sku: string; productName: string; quantity: number; product?: { id: string } | null }[] | null;
};

type Draft = { productID: string; sku: string; name: string; quantity: number };

/**
 * The dealer's amendment of a SUBMITTED order: quantities, lines removed or
 * added (by SKU, read as a one-line list), the requested date. The server
 * prices it again and answers with the order as it now is.
 */
export function AmendOrder({ order, onDone }: { order: AmendableOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { maxLineQuantity } = useSettings();
  const dateId = useId();
  const skuId = useId();
  const qtyId = useId();
  const initial = (): Draft[] =>
    [...(order.lines ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({ productID: l.product?.id ?? "", sku: l.sku, name: l.productName, quantity: l.quantity }));
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft[]>(initial);
  const [date, setDate] = useState(order.requestedDeliveryDate ?? "");
  const [sku, setSku] = useState("");
  const [qty, setQty] = useState(1);
  const [addProblems, setAddProblems] = useState<OrderListReading["problems"]>([]);
  const [refused, setRefused] = useState<CombinedError | null>(null);
  const [result, amend] = useMutation(AmendOrderMutation);
  const errors = mapFieldErrors(refused, (p) => describe(t, p));

  const start = () => {
    setDraft(initial());
    setDate(order.requestedDeliveryDate ?? "");
    setRefused(null);
    setOpen(true);
  };

  const addLine = async () => {
    if (!sku.trim()) return;
    const res = await client.query(ReadOrderListQueryDoc, { text: `${sku.trim()}\t${qty}` }, { requestPolicy: "network-only" }).toPromise();
    const reading = res.data?.readOrderList;
    setAddProblems(reading?.problems ?? []);
    const l = reading?.lines[0];
    if (!l) return;
    setDraft((d) =>
      d.some((x) => x.productID === l.product.id)
        ? d.map((x) => (x.productID === l.product.id ? { ...x, quantity: x.quantity + l.quantity } : x))
        : [...d, { productID: l.product.id, sku: l.product.sku, name: l.product.name, quantity: l.quantity }],
    );
    setSku("");
    setQty(1);
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const res = await amend({
      id: order.id,
      expectedVersion: order.version,
      input: {
        lines: draft.map((l) => ({ productID: l.productID, quantity: l.quantity })),
        requestedDeliveryDate: date && date !== order.requestedDeliveryDate ? date : null,
      },
    });
    if (res.data?.amendOrder) {
      setOpen(false);
      setRefused(null);
      onDone();
    } else {
      setRefused(res.error ?? null);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button amend-open" onClick={start}>
        {t("amend.open")}
      </button>
    );
  }
  return (
    <section className="card amend-order" aria-labelledby={`${dateId}-title`}>
      <h2 id={`${dateId}-title`}>{t("amend.title")}</h2>
      <p className="muted">{t("amend.hint")}</p>
      <form onSubmit={save} noValidate>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("catalogue.sku")}</th>
              <th scope="col">{t("catalogue.product")}</th>
              <th scope="col" className="num">
                {t("order.quantity")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("place.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.map((l, i) => {
              const lineErrors = errors.lines[i] ?? {};
              const message = lineErrors.quantity ?? lineErrors.productID ?? lineErrors.line;
              return (
                <tr key={l.productID} data-amend-line={l.sku} className={message ? "has-error" : undefined}>
                  <td data-label={t("catalogue.sku")} className="mono">
                    {l.sku}
                  </td>
                  <th scope="row" data-label={t("catalogue.product")}>
                    {l.name}
                    {message && <p className="field-error">{message}</p>}
                  </th>
                  <td data-label={t("order.quantity")} className="num">
                    <input
                      type="number"
                      className="qty"
                      min={1}
                      max={maxLineQuantity}
                      step={1}
                      value={l.quantity}
                      aria-label={t("catalogue.quantityOf", { name: l.name })}
                      onChange={(e) => {
                        const q = Math.max(1, Math.trunc(e.target.valueAsNumber || 1));
                        setDraft((d) => d.map((x, j) => (j === i ? { ...x, quantity: q } : x)));
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t("place.removeLine", { name: l.name })}
                      onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
                    >
                      {t("place.remove")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="field-row">
          <div className="field">
            <label htmlFor={skuId}>{t("amend.addSku")}</label>
            <input id={skuId} name="addSku" autoComplete="off" value={sku} onChange={(e) => setSku(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={qtyId}>{t("order.quantity")}</label>
            <input
              id={qtyId}
              type="number"
              className="qty"
              min={1}
              max={maxLineQuantity}
              value={qty}
              onChange={(e) => setQty(Math.max(1, Math.trunc(e.target.valueAsNumber || 1)))}
            />
          </div>
          <div className="field">
            <button type="button" className="button amend-add" onClick={addLine}>
              {t("amend.add")}
            </button>
          </div>
        </div>
        <ListProblems problems={addProblems} />
        <div className="field">
          <label htmlFor={dateId}>{t("place.requestedDateField")}</label>
          <input id={dateId} name="requestedDeliveryDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          {errors.fields.requestedDeliveryDate && <p className="field-error">{errors.fields.requestedDeliveryDate}</p>}
        </div>
        {(errors.other.length > 0 || errors.fields.lines) && (
          <div className="state state-error" role="alert">
            {errors.fields.lines && <p>{errors.fields.lines}</p>}
            {errors.other.map((o, i) => (
              <p key={i}>{o.code === "CONFLICT" ? t("amend.conflict") : o.message}</p>
            ))}
          </div>
        )}
        <p className="actions-row">
          <button type="submit" className="button button-primary amend-save" disabled={result.fetching || !draft.length}>
            {result.fetching ? t("amend.saving") : t("amend.save")}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
            {t("amend.cancel")}
          </button>
        </p>
      </form>
    </section>
  );
}

/**
 * "Order again": the order's lines, at today's prices, in place of the
 * cart; lines that can no longer be ordered are shown with why.
 */
export function OrderAgain({ orderID }: { orderID: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<OrderListReading["problems"]>([]);
  const [failed, setFailed] = useState(false);
  const go = async () => {
    setBusy(true);
    const res = await client.query(ReorderQuery, { id: orderID }, { requestPolicy: "network-only" }).toPromise();
    setBusy(false);
    const node = res.data?.node;
    const reading = node && "reorder" in node ? node.reorder : null;
    if (!reading) {
      setFailed(true);
      return;
    }
    clearCart();
    fillCart(reading, "set");
    if (reading.problems.length) setProblems(reading.problems);
    else navigate("/orders/new");
  };
  return (
    <>
      <button type="button" className="button order-again" onClick={go} disabled={busy} aria-busy={busy}>
        {t("reorder.button")}
      </button>
      {failed && (
        <p className="field-error" role="alert">
          {t("reorder.failed")}
        </p>
      )}
      {problems.length > 0 && (
        <>
          <ListProblems problems={problems} />
          <p className="actions-row">
            <button type="button" className="button button-primary" onClick={() => navigate("/orders/new")}>
              {t("reorder.toCart")}
            </button>
          </p>
        </>
      )}
    </>
  );
}

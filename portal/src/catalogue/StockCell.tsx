import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { refusal } from "../errors";
import { Availability, type AvailabilityInfo } from "./Availability";

export const SetStockMutation = graphql(`
  mutation SetStock($id: ID!, $onHand: Int!, $leadTimeDays: Int!) {
    setStock(productID: $id, onHand: $onHand) {
      id
    }
    updateProduct(id: $id, input: { leadTimeDays: $leadTimeDays }) {
      id
      leadTimeDays
      stock {
        onHand
        reserved
        available
      }
      availability {
        state
        available
        leadTimeDays
      }
    }
  }
`);

type Stocked = {
  id: string;
  sku: string;
  leadTimeDays: number;
  stock?: { onHand: number; reserved: number; available: number } | null;
  availability: AvailabilityInfo;
};

/** What the warehouse holds of a product, for staff; administrators set units on hand and the lead time here. */
export function StockCell({ product, editable }: { product: Stocked; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const s = product.stock;
  return (
    <div className="stock-cell" data-stock={product.sku}>
      <Availability availability={product.availability} />
      {s && (
        <span className="muted stock-figures">
          {t("stock.figures", { onHand: s.onHand, reserved: s.reserved, days: product.leadTimeDays })}
        </span>
      )}
      {editable &&
        (editing ? (
          <StockForm product={product} onDone={() => setEditing(false)} />
        ) : (
          <button type="button" className="button button-quiet" data-action="edit-stock" onClick={() => setEditing(true)}>
            {t("stock.edit")}
          </button>
        ))}
    </div>
  );
}

function StockForm({ product, onDone }: { product: Stocked; onDone: () => void }) {
  const { t } = useTranslation();
  const onHandId = useId();
  const leadId = useId();
  const [onHand, setOnHand] = useState(String(product.stock?.onHand ?? 0));
  const [lead, setLead] = useState(String(product.leadTimeDays));
  const [problem, setProblem] = useState<string | null>(null);
  const [state, save] = useMutation(SetStockMutation);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (state.fetching) return;
    const n = Number(onHand);
    const d = Number(lead);
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 0 || d > 365) {
      setProblem(t("stock.badNumbers"));
      return;
    }
    const res = await save({ id: product.id, onHand: n, leadTimeDays: d });
    if (res.error) {
      setProblem(refusal(t, res.error, "stock.refused"));
      return;
    }
    setProblem(null);
    onDone();
  };
  return (
    <form className="stock-form" onSubmit={submit} noValidate aria-label={t("stock.edit")}>
      <label htmlFor={onHandId}>{t("stock.onHand")}</label>
      <input id={onHandId} type="number" min={0} step={1} inputMode="numeric" value={onHand} onChange={(e) => setOnHand(e.target.value)} />
      <label htmlFor={leadId}>{t("stock.leadTimeDays")}</label>
      <input id={leadId} type="number" min={0} max={365} step={1} inputMode="numeric" value={lead} onChange={(e) => setLead(e.target.value)} />
      <button type="submit" className="button" disabled={state.fetching} data-action="save-stock">
        {t("stock.save")}
      </button>
      <button type="button" className="button button-quiet" onClick={onDone}>
        {t("stock.cancel")}
      </button>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

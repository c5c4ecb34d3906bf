import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient } from "urql";
import { graphql } from "../gql";
import { addQuantity } from "../orders/cart";
import { localName } from "../i18n/localName";

export const ProductBySkuQuery = graphql(`
  query ProductBySku($sku: String!) {
    products(where: { active: true, skuEqualFold: $sku }, first: 1) {
      edges {
        node {
          id
          sku
          name
          nameZh
          price
        }
      }
    }
  }
`);

/** Quick entry for a dealer who knows its SKUs: type one and a quantity, and it goes into the order. */
export function QuickEntry({ maxLineQuantity }: { maxLineQuantity?: number }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const ids = { sku: useId(), qty: useId() };
  const [sku, setSku] = useState("");
  const [qty, setQty] = useState("1");
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const code = sku.trim();
    const n = Number(qty);
    if (!code) return;
    if (!Number.isInteger(n) || n < 1 || (maxLineQuantity !== undefined && n > maxLineQuantity)) {
      setNote({ ok: false, text: t("catalogue.quickBadQuantity", { max: maxLineQuantity ?? "" }) });
      return;
    }
    setBusy(true);
    const r = await client.query(ProductBySkuQuery, { sku: code }, { requestPolicy: "network-only" }).toPromise();
    setBusy(false);
    const p = r.data?.products.edges?.[0]?.node;
    if (r.error) setNote({ ok: false, text: t("catalogue.quickFailed") });
    else if (!p) setNote({ ok: false, text: t("catalogue.quickUnknown", { sku: code }) });
    else if (!p.price) setNote({ ok: false, text: t("catalogue.quickNoPrice", { sku: p.sku }) });
    else {
      addQuantity({ productID: p.id, sku: p.sku, name: p.name, nameZh: p.nameZh, unitPrice: p.price }, n);
      setNote({ ok: true, text: t("catalogue.quickAdded", { count: n, name: localName(p, i18n.language) }) });
      setSku("");
      setQty("1");
    }
  };

  return (
    <form className="quick-entry search-form" onSubmit={submit} aria-label={t("catalogue.quickEntry")}>
      <div className="period-field">
        <label htmlFor={ids.sku}>{t("catalogue.quickSku")}</label>
        <input id={ids.sku} name="sku" className="mono" autoComplete="off" value={sku} onChange={(e) => setSku(e.target.value)} />
      </div>
      <div className="period-field">
        <label htmlFor={ids.qty}>{t("catalogue.quantity")}</label>
        <input
          id={ids.qty}
          name="quantity"
          type="number"
          className="qty"
          min={1}
          max={maxLineQuantity}
          step={1}
          inputMode="numeric"
          value={qty}
          onChange={(e) => setQty(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={busy || !sku.trim()} data-action="quick-add">
        {t("catalogue.quickAdd")}
      </button>
      <p className={note?.ok ? "muted quick-note" : "field-error quick-note"} role="status" aria-live="polite">
        {note?.text ?? ""}
      </p>
    </form>
  );
}

// A statement line's text, composed from its kind and references in the
// reader's language; the API's English description is not used.
import type { TFunction } from "i18next";

export type LineFacts = {
  kind: string;
  reference: string;
  orderNumber?: string | null;
  shipmentNumber?: string | null;
  reason?: string | null;
};

/** "Invoice INV-000123: order SO-000045, shipment SH-000067", "Payment BANK-1", "Credit note CN-000009: rebate". */
export function lineText(t: TFunction, l: LineFacts): string {
  if (l.kind === "INVOICE" && l.orderNumber && l.shipmentNumber) {
    return t("statementLine.INVOICE_shipped", { reference: l.reference, order: l.orderNumber, shipment: l.shipmentNumber });
  }
  return t(`statementLine.${l.kind}`, { reference: l.reference, reason: l.reason ?? "" });
}

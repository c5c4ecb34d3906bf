import { beforeEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { lineText } from "./statementLine";

beforeEach(() => {
  void i18n.changeLanguage("en");
});

describe("statement line text", () => {
  const invoice = { kind: "INVOICE", reference: "INV-000012", orderNumber: "SO-000034", shipmentNumber: "SH-000056" };
  const payment = { kind: "PAYMENT", reference: "BANK-1" };
  const credit = { kind: "CREDIT_NOTE", reference: "CN-000007", reason: "Q3 rebate" };

  it("is composed from the kind and references", () => {
    expect(lineText(i18n.t, invoice)).toBe("Invoice INV-000012: order SO-000034, shipment SH-000056");
    expect(lineText(i18n.t, { kind: "INVOICE", reference: "INV-000012" })).toBe("Invoice INV-000012");
    expect(lineText(i18n.t, payment)).toBe("Payment BANK-1");
    expect(lineText(i18n.t, credit)).toBe("Credit note CN-000007: Q3 rebate");
  });

  it("reads in Chinese", async () => {
    await i18n.changeLanguage("zh");
    expect(lineText(i18n.t, invoice)).toBe("发票 INV-000012：订单 SO-000034，发货单 SH-000056");
    expect(lineText(i18n.t, payment)).toBe("付款 BANK-1");
    expect(lineText(i18n.t, credit)).toBe("贷项通知单 CN-000007：Q3 rebate");
  });
});

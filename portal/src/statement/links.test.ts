import { describe, expect, it } from "vitest";
import { linkParts, statementFileName } from "./links";

describe("linkParts", () => {
  it("links the order and shipment numbers where the sentence has them", () => {
    expect(
      linkParts("发票 INV-000001：订单 SO-000002，发货单 SH-000003", [
        { text: "SO-000002", href: "/orders/o" },
        { text: "SH-000003", href: "/orders/o#shipments" },
      ]),
    ).toEqual([
      { text: "发票 INV-000001：订单 " },
      { text: "SO-000002", href: "/orders/o" },
      { text: "，发货单 " },
      { text: "SH-000003", href: "/orders/o#shipments" },
    ]);
  });
  it("leaves the text whole when a reference is missing or absent from it", () => {
    expect(linkParts("Payment BANK-1", [{ text: "SO-1", href: "/orders/1" }, { text: null, href: "/x" }])).toEqual([
      { text: "Payment BANK-1" },
    ]);
  });
});

describe("statementFileName", () => {
  it("names the file by dealer code and period", () => {
    expect(statementFileName("D-SOUTH", "2026-01-01", "2026-03-31")).toBe("statement-D-SOUTH-2026-01-01-2026-03-31.csv");
    expect(statementFileName("A/B C", "2026-01-01", "2026-01-31")).toBe("statement-A_B_C-2026-01-01-2026-01-31.csv");
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { describeEntry, type TimelineItem } from "./timeline";

const staff = { staff: true, dealerID: "d1" };
const dealer = { staff: false, dealerID: "d1" };
const say = (e: TimelineItem, r = staff) => describeEntry(i18n.t, e, r, i18n.language);

beforeEach(() => {
  void i18n.changeLanguage("en");
});

describe("timeline entries", () => {
  it("links orders, shipments and their changes to the order's page", () => {
    expect(say({ kind: "ORDER_PLACED", subject: { __typename: "Order", id: "o1", number: "SO-1" } })).toEqual({
      text: "Order SO-1 placed",
      link: "/orders/o1",
    });
    expect(
      say({
        kind: "ORDER_STATUS",
        action: "CONFIRMED",
        subject: { __typename: "OrderEvent", id: "e1", to: "CONFIRMED", order: { id: "o1", number: "SO-1" } },
      }),
    ).toEqual({ text: "Order SO-1: Confirmed", link: "/orders/o1" });
    expect(
      say({
        kind: "SHIPMENT",
        action: "DELIVERED",
        subject: {
          __typename: "DeliveryEvent",
          id: "de1",
          status: "DELIVERED",
          shipment: { id: "s1", number: "SH-1", order: { id: "o1", number: "SO-1" } },
        },
      }).link,
    ).toBe("/orders/o1");
  });

  it("links the account's entries to the statement the reader has", () => {
    const invoice: TimelineItem = {
      kind: "INVOICE",
      subject: { __typename: "Invoice", id: "i1", number: "INV-1", amount: "12345.60" },
    };
    expect(say(invoice)).toEqual({ text: "Invoice INV-1 issued: 12,345.60", link: "/dealers/d1/statement" });
    expect(say(invoice, dealer).link).toBe("/statement");
    expect(say({ kind: "PAYMENT", subject: { __typename: "Payment", id: "p1", amount: "10.00", reference: "" } }).text).toBe(
      "Payment received: 10.00",
    );
  });

  it("says who answered a ticket and links to it", () => {
    expect(
      say({
        kind: "TICKET",
        action: "REPLIED",
        subject: {
          __typename: "TicketReply",
          id: "r1",
          fromStaff: true,
          authorName: "Liu Yang",
          ticket: { id: "t1", number: "ST-000001", subject: "Late delivery" },
        },
      }),
    ).toEqual({ text: "Liu Yang answered service request ST-000001", link: "/tickets/t1" });
    expect(
      say({ kind: "TICKET", action: "OPENED", subject: { __typename: "ServiceTicket", id: "t1", number: "ST-1", subject: "Late" } }),
    ).toEqual({ text: "Service request ST-1 opened: Late", link: "/tickets/t1" });
  });

  it("shows an interaction's subject, notes and outcome, without a link", () => {
    const view = say({
      kind: "INTERACTION",
      subject: {
        __typename: "Interaction",
        id: "x1",
        kind: "VISIT",
        subject: "季度拜访",
        notes: "客户反映售后响应慢",
        outcome: "",
        authorName: "Liu Yang",
      },
    });
    expect(view).toEqual({ text: "Visit: 季度拜访 (by Liu Yang)", details: ["客户反映售后响应慢"] });
  });

  it("speaks Chinese", async () => {
    await i18n.changeLanguage("zh");
    expect(say({ kind: "ORDER_PLACED", subject: { __typename: "Order", id: "o1", number: "SO-1" } }).text).toBe("下单 SO-1");
    expect(
      say({ kind: "ANNOUNCEMENT", action: "READ", subject: { __typename: "Announcement", id: "a1", title: "春季促销" } }).text,
    ).toBe("已阅读公告：春季促销");
  });
});

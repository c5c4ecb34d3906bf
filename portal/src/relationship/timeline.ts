// Wording a dealer's timeline. Each entry says what happened from its kind,
// its action and the record it is about, in the reader's language, and links
// to that record where the portal has a page for it.
import type { TFunction } from "i18next";
import { formatMoney } from "../format";

/** The fields of an entry's subject the portal reads (see DealerTimeline in Timeline.tsx). */
export type TimelineSubject = {
  __typename: string;
  id: string;
  number?: string;
  to?: string;
  status?: string;
  amount?: string;
  reference?: string;
  title?: string;
  subject?: string;
  kind?: string;
  notes?: string;
  outcome?: string;
  authorName?: string;
  fromStaff?: boolean;
  text?: string;
  doneByName?: string;
  order?: { id: string; number: string } | null;
  shipment?: { id: string; number: string; order: { id: string; number: string } } | null;
  ticket?: { id: string; number: string; subject: string } | null;
  interaction?: { id: string; subject: string } | null;
  conflictTo?: string | null;
  reason?: string;
  effectiveOn?: string;
  case?: { id: string; number: string } | null;
};

export type TimelineItem = { kind: string; action?: string | null; subject: TimelineSubject };

/** Who reads the timeline: staff see a dealer's statement under the dealer, a dealer user its own. */
export type Reader = { staff: boolean; dealerID: string };

export type EntryView = {
  /** The sentence. */
  text: string;
  /** The page of the record, when the portal has one. */
  link?: string;
  /** Said in full under the sentence (an interaction's notes and outcome). */
  details?: string[];
};

const orderPath = (id: string) => `/orders/${encodeURIComponent(id)}`;
const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

export function statementPath(r: Reader): string {
  return r.staff ? `/dealers/${encodeURIComponent(r.dealerID)}/statement` : "/statement";
}

/** The sentence and link for one timeline entry. */
export function describeEntry(t: TFunction, e: TimelineItem, r: Reader, locale: string): EntryView {
  const s = e.subject;
  const money = (v?: string) => (v ? formatMoney(v, locale) : "");
  switch (e.kind) {
    case "ORDER_PLACED":
      return { text: t("timeline.entry.orderPlaced", { number: s.number ?? "" }), link: orderPath(s.id) };
    case "ORDER_STATUS": {
      const status = s.to ?? e.action ?? "";
      return {
        text: t("timeline.entry.orderStatus", { number: s.order?.number ?? "", status: t(`orderStatus.${status}`) }),
        link: s.order ? orderPath(s.order.id) : undefined,
      };
    }
    case "SHIPMENT": {
      const status = s.status ?? e.action ?? "";
      return {
        text: t("timeline.entry.shipment", {
          number: s.shipment?.number ?? "",
          order: s.shipment?.order.number ?? "",
          status: t(`shipmentStatus.${status}`),
        }),
        link: s.shipment ? orderPath(s.shipment.order.id) : undefined,
      };
    }
    case "INVOICE":
      return { text: t("timeline.entry.invoice", { number: s.number ?? "", amount: money(s.amount) }), link: statementPath(r) };
    case "PAYMENT":
      return {
        text: s.reference
          ? t("timeline.entry.paymentRef", { amount: money(s.amount), reference: s.reference })
          : t("timeline.entry.payment", { amount: money(s.amount) }),
        link: statementPath(r),
      };
    case "CREDIT_NOTE":
      return { text: t("timeline.entry.creditNote", { number: s.number ?? "", amount: money(s.amount) }), link: statementPath(r) };
    case "ANNOUNCEMENT":
      return {
        text: t(e.action === "READ" ? "timeline.entry.announcementRead" : "timeline.entry.announcementPublished", {
          title: s.title ?? "",
        }),
      };
    case "TICKET": {
      if (s.__typename === "TicketReply" && s.ticket) {
        return {
          text: t(s.fromStaff ? "timeline.entry.ticketAnswered" : "timeline.entry.ticketReplied", {
            number: s.ticket.number,
            name: s.authorName ?? "",
          }),
          link: ticketPath(s.ticket.id),
        };
      }
      const action = ["OPENED", "REPLIED", "CLOSED", "REOPENED"].includes(e.action ?? "") ? e.action : "OPENED";
      return {
        text: t(`timeline.entry.ticket${action}`, { number: s.number ?? "", subject: s.subject ?? "" }),
        link: ticketPath(s.id),
      };
    }
    case "RETURN":
      return {
        text: t("timeline.entry.return", { number: s.number ?? "", status: t(`returnStatus.${e.action ?? ""}`) }),
        link: `/returns/${encodeURIComponent(s.id)}`,
      };
    case "DISPUTE":
      return {
        text: t("timeline.entry.dispute", {
          number: s.number ?? "",
          amount: money(s.amount),
          status: t(`disputeStatus.${e.action ?? ""}`),
        }),
        link: "/disputes",
      };
    case "DEALER_STATUS":
      return {
        text: t("timeline.entry.dealerStatus", {
          status: t(`status.${e.action ?? ""}`),
          date: s.effectiveOn ?? "",
          reason: s.reason ?? "",
        }),
      };
    case "INTERACTION":
      return {
        text: t("timeline.entry.interaction", {
          kind: t(`interactionKind.${s.kind ?? "VISIT"}`),
          subject: s.subject ?? "",
          name: s.authorName ?? "",
        }),
        details: [s.notes ?? "", s.outcome ? t("timeline.outcome", { outcome: s.outcome }) : ""].filter(Boolean),
      };
    case "POLICY": {
      const action = ["PUBLISHED", "AMENDED", "WITHDRAWN", "ACKNOWLEDGED"].includes(e.action ?? "") ? e.action : "PUBLISHED";
      return { text: t(`timeline.entry.policy${action}`, { title: s.title ?? "" }), link: `/policies/${encodeURIComponent(s.id)}` };
    }
    case "CONFLICT_CASE": {
      const number = s.case?.number ?? "";
      const text =
        e.action === "STATUS_CHANGED" && s.conflictTo
          ? t("timeline.entry.conflictStatus", { number, status: t(`conflictStatus.${s.conflictTo}`) })
          : t("timeline.entry.conflict", { number, action: t([`conflictAction.${e.action ?? ""}`, "timeline.entry.other"]) });
      return { text, link: s.case ? `/conflicts/${encodeURIComponent(s.case.id)}` : undefined };
    }
    case "FOLLOW_UP":
      return {
        text: t("timeline.entry.followUpDone", { text: s.text ?? "", name: s.doneByName ?? "" }),
        details: s.interaction ? [t("timeline.fromInteraction", { subject: s.interaction.subject })] : undefined,
      };
    default:
      return { text: t("timeline.entry.other") };
  }
}

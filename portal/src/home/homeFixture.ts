// A dealer's Home as the API answers it, for the portal's unit tests.
export const dealerHomeAnswer = {
  eventCursor: "0-0",
  me: {
    __typename: "User",
    id: "u-south",
    dealer: {
      __typename: "Dealer",
      id: "d-south",
      creditLimit: "500000.00",
      creditExposure: "520000.00",
      availableCredit: "-20000.00",
      balance: "72544.00",
      ageing: {
        __typename: "Ageing",
        at: "2026-03-05",
        notYetDue: "50000.00",
        overdue1To30: "22544.00",
        overdue31To60: "0.00",
        overdue61To90: "0.00",
        overdueOver90: "0.00",
        overdue: "22544.00",
      },
      openOrders: [
        { __typename: "OrderStatusCount", status: "SUBMITTED", count: 2 },
        { __typename: "OrderStatusCount", status: "SHIPPED", count: 1 },
      ],
      quotaProgress: { __typename: "QuotaProgress", period: "2026-03", quota: "100000.00", netSales: "40000.00", completion: 0.4, remaining: "60000.00" },
      rebates: [],
    },
  },
  shipments: {
    __typename: "ShipmentConnection",
    edges: [
      {
        __typename: "ShipmentEdge",
        node: {
          __typename: "Shipment",
          id: "s1",
          number: "SH-000007",
          status: "IN_TRANSIT",
          carrier: "SF",
          eta: "2026-03-08",
          shippedAt: "2026-03-04T02:00:00Z",
          deliveredAt: null,
          order: { __typename: "Order", id: "o1", number: "SO-000011" },
        },
      },
    ],
  },
  pinned: {
    __typename: "AnnouncementConnection",
    edges: [{ __typename: "AnnouncementEdge", node: { __typename: "Announcement", id: "a1", title: "Spring price list", category: "NEWS", publishedAt: "2026-03-01T01:00:00Z", readAt: null } }],
  },
  unread: {
    __typename: "AnnouncementConnection",
    totalCount: 2,
    edges: [
      { __typename: "AnnouncementEdge", node: { __typename: "Announcement", id: "a1", title: "Spring price list", category: "NEWS", pinned: true, publishedAt: "2026-03-01T01:00:00Z" } },
      { __typename: "AnnouncementEdge", node: { __typename: "Announcement", id: "a2", title: "Warehouse closed on Friday", category: "OPERATIONS", pinned: false, publishedAt: "2026-03-02T01:00:00Z" } },
    ],
  },
  toAcknowledge: {
    __typename: "ChannelPolicyConnection",
    edges: [
      { __typename: "ChannelPolicyEdge", node: { __typename: "ChannelPolicy", id: "p1", kind: "REBATE", title: "Returns within 30 days", version: 1, effectiveFrom: "2026-03-01", needsAcknowledgement: true } },
      { __typename: "ChannelPolicyEdge", node: { __typename: "ChannelPolicy", id: "p2", kind: "GENERAL", title: "Code of conduct", version: 2, effectiveFrom: "2026-01-01", needsAcknowledgement: false } },
    ],
  },
  openTickets: {
    __typename: "ServiceTicketConnection",
    totalCount: 1,
    edges: [{ __typename: "ServiceTicketEdge", node: { __typename: "ServiceTicket", id: "t1", subject: "Damaged carton", status: "OPEN", lastActivityAt: "2026-03-03T01:00:00Z" } }],
  },
  answeredTickets: { __typename: "ServiceTicketConnection", totalCount: 0, edges: [] },
};

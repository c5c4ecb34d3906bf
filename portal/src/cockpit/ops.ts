import { graphql } from "../gql";

export const DealerSummariesQuery = graphql(`
  query DealerSummaries($filter: DealerSummaryFilter, $orderBy: DealerSummaryOrder, $first: Int, $after: String) {
    dealerSummaries(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          salesThisMonth
          salesThisYear
          openOrders
          heldOrders
          overdue
          lastOrderAt
          dealer {
            id
            code
            name
            tier
            status
            channel {
              id
              name
              nameZh
            }
          }
        }
      }
    }
  }
`);

// What the filters offer: the channels and territories the API shows this reader.
export const CockpitOptionsQuery = graphql(`
  query CockpitOptions {
    channels(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
  }
`);

// A dealer's standing for its page: credit against the limit, the
// statement's summary, its latest orders, and today's month for the chart.
export const DealerStandingQuery = graphql(`
  query DealerStanding($id: ID!) {
    settings {
      today
    }
    node(id: $id) {
      id
      ... on Dealer {
        creditLimit
        creditExposure
        availableCredit
        balance
        ageing {
          notYetDue
          overdue1To30
          overdue31To60
          overdue61To90
          overdueOver90
          overdue
        }
        openOrders {
          status
          count
        }
      }
    }
    orders(where: { dealerID: $id }, first: 10) {
      totalCount
      edges {
        node {
          id
          number
          status
          creditHold
          total
          placedAt
        }
      }
    }
  }
`);

import { graphql } from "../gql";

// The desk's choices: the dealers this reader may see, and the business
// time zone its date filters are counted in.
export const DeskOptionsQuery = graphql(`
  query DeskOptions($staff: Boolean!) {
    settings {
      timezone
    }
    dealers(orderBy: { field: NAME }, first: 100) @include(if: $staff) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`);

// Each order's result comes back with the fields the desk shows, so a
// confirmed row updates in place.
export const ConfirmOrdersMutation = graphql(`
  mutation ConfirmOrders($orders: [OrderVersionInput!]!) {
    confirmOrders(orders: $orders) {
      id
      order {
        id
        status
        version
        creditHold
        allowedTransitions
        canReleaseCreditHold
        canShip
        updatedAt
      }
      error {
        code
      }
    }
  }
`);

// The GraphQL documents of returns: the dealer asks for one from a
// delivered order, follows it; staff approve, reject and receive it.
import { graphql } from "../gql";

export const RETURN_REASONS = ["DAMAGED", "DEFECTIVE", "WRONG_ITEM", "NOT_NEEDED", "OTHER"] as const;
export const RETURN_STATUSES = ["REQUESTED", "APPROVED", "REJECTED", "RECEIVED"] as const;
/** What the return desk shows by default: the returns waiting for staff. */
export const DESK_STATUSES = ["REQUESTED", "APPROVED"] as const;

export const ReturnFieldsFragment = graphql(`
  fragment ReturnFields on SalesReturn {
    id
    number
    status
    reason
    note
    version
    requestedAt
    requestedByName
    decidedAt
    receivedAt
    creditedAmount
    allowedActions
    order {
      id
      number
    }
    dealer {
      id
      code
      name
    }
    lines {
      id
      sku
      productName
      quantity
      receivedQuantity
      creditNote {
        id
        number
        amount
      }
    }
    history {
      id
      from
      to
      actorName
      at
      note
    }
  }
`);

// eventCursor is read with the list: subscribing after it misses nothing.
export const ReturnsQuery = graphql(`
  query Returns($statuses: [ReturnStatus!], $orderID: ID, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    eventCursor
    salesReturns(statuses: $statuses, orderID: $orderID, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...ReturnFields
        }
      }
    }
  }
`);

export const ReturnDetailQuery = graphql(`
  query ReturnDetail($id: ID!) {
    eventCursor
    node(id: $id) {
      id
      ... on SalesReturn {
        ...ReturnFields
        attachments {
          ...AttachmentFields
        }
      }
    }
  }
`);

/** An order's lines with what may still be returned of each. */
export const OrderReturnableQuery = graphql(`
  query OrderReturnable($id: ID!) {
    node(id: $id) {
      id
      ... on Order {
        number
        status
        lines {
          id
          position
          sku
          productName
          deliveredQuantity
          returnableQuantity
        }
      }
    }
  }
`);

export const RequestReturnMutation = graphql(`
  mutation RequestReturn($input: RequestReturnInput!) {
    requestReturn(input: $input) {
      ...ReturnFields
    }
  }
`);

export const ApproveReturnMutation = graphql(`
  mutation ApproveReturn($id: ID!, $note: String, $expectedVersion: Int) {
    approveReturn(id: $id, note: $note, expectedVersion: $expectedVersion) {
      ...ReturnFields
    }
  }
`);

export const RejectReturnMutation = graphql(`
  mutation RejectReturn($id: ID!, $note: String!, $expectedVersion: Int) {
    rejectReturn(id: $id, note: $note, expectedVersion: $expectedVersion) {
      ...ReturnFields
    }
  }
`);

export const ReceiveReturnMutation = graphql(`
  mutation ReceiveReturn($id: ID!, $lines: [ReceivedLineInput!]!, $note: String, $expectedVersion: Int) {
    receiveReturn(id: $id, lines: $lines, note: $note, expectedVersion: $expectedVersion) {
      ...ReturnFields
    }
  }
`);

// What a return event brings: the return as it is now, so the normalised
// cache updates its page.
export const ReturnEventsSubscription = graphql(`
  subscription ReturnEvents($returnID: ID, $after: String) {
    returnUpdated(returnID: $returnID, after: $after) {
      cursor
      from
      to
      at
      salesReturn {
        ...ReturnFields
      }
    }
  }
`);

// The GraphQL documents of invoice disputes: a dealer raises one from its
// statement; staff resolve it by a credit note or reject it.
import { graphql } from "../gql";

export const DISPUTE_STATUSES = ["OPEN", "RESOLVED", "REJECTED"] as const;

export const DisputeFieldsFragment = graphql(`
  fragment DisputeFields on InvoiceDispute {
    id
    number
    status
    amount
    reason
    resolutionNote
    creditedAmount
    version
    raisedAt
    raisedByName
    resolvedByName
    allowedActions
    dealer {
      id
      code
      name
    }
    invoice {
      id
      number
      amount
      balance
    }
    lines {
      id
      quantity
      amount
      orderLine {
        id
        sku
        productName
      }
    }
    creditNote {
      id
      number
      amount
    }
  }
`);

export const DisputesQuery = graphql(`
  query InvoiceDisputes($statuses: [InvoiceDisputeStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    invoiceDisputes(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...DisputeFields
        }
      }
    }
  }
`);

export const DisputableInvoiceQuery = graphql(`
  query DisputableInvoice($id: ID!) {
    node(id: $id) {
      id
      ... on Invoice {
        number
        amount
        balance
        disputableAmount
        dueOn
        shipment {
          id
          lines {
            id
            quantity
            amount
            orderLine {
              id
              sku
              productName
            }
          }
        }
      }
    }
  }
`);

export const RaiseDisputeMutation = graphql(`
  mutation RaiseInvoiceDispute($input: RaiseInvoiceDisputeInput!) {
    raiseInvoiceDispute(input: $input) {
      ...DisputeFields
    }
  }
`);

export const ResolveDisputeMutation = graphql(`
  mutation ResolveInvoiceDispute($id: ID!, $amount: Money, $note: String, $expectedVersion: Int) {
    resolveInvoiceDispute(id: $id, amount: $amount, note: $note, expectedVersion: $expectedVersion) {
      ...DisputeFields
    }
  }
`);

export const RejectDisputeMutation = graphql(`
  mutation RejectInvoiceDispute($id: ID!, $note: String!, $expectedVersion: Int) {
    rejectInvoiceDispute(id: $id, note: $note, expectedVersion: $expectedVersion) {
      ...DisputeFields
    }
  }
`);

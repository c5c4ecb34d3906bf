// The GraphQL documents of marketing funds: a dealer's budgets and claims,
// and the staff's claims desk.
import { graphql } from "../gql";

export const CLAIM_STATUSES = ["SUBMITTED", "APPROVED", "PARTIALLY_APPROVED", "REJECTED"] as const;

export const FundClaimFieldsFragment = graphql(`
  fragment FundClaimFields on FundClaim {
    id
    number
    status
    activity
    activityOn
    amount
    approvedAmount
    description
    attachments
    attachmentFiles {
      ...AttachmentFields
    }
    decisionNote
    version
    submittedAt
    submittedByName
    decidedByName
    allowedActions
    fund {
      id
      name
      period
    }
    dealer {
      id
      code
      name
    }
    creditNote {
      id
      number
      amount
    }
  }
`);

export const FundBudgetsQuery = graphql(`
  query FundBudgets {
    fundBudgets(first: 50) {
      totalCount
      edges {
        node {
          id
          budget
          netInvoiced
          approved
          pending
          remaining
          fund {
            id
            name
            description
            period
            budgetKind
            budgetBasisPoints
          }
        }
      }
    }
  }
`);

export const FundClaimsQuery = graphql(`
  query FundClaims($statuses: [FundClaimStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    fundClaims(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...FundClaimFields
        }
      }
    }
  }
`);

export const ClaimMarketingFundMutation = graphql(`
  mutation ClaimMarketingFund($input: ClaimMarketingFundInput!) {
    claimMarketingFund(input: $input) {
      ...FundClaimFields
    }
  }
`);

export const ApproveFundClaimMutation = graphql(`
  mutation ApproveFundClaim($id: ID!, $amount: Money, $note: String, $expectedVersion: Int) {
    approveFundClaim(id: $id, amount: $amount, note: $note, expectedVersion: $expectedVersion) {
      ...FundClaimFields
    }
  }
`);

export const RejectFundClaimMutation = graphql(`
  mutation RejectFundClaim($id: ID!, $note: String!, $expectedVersion: Int) {
    rejectFundClaim(id: $id, note: $note, expectedVersion: $expectedVersion) {
      ...FundClaimFields
    }
  }
`);

// The GraphQL documents of deal registration and leads: a dealer registers
// its customers' projects and answers the leads offered to it; staff decide
// registrations and hand out leads.
import { graphql } from "../gql";

export const DEAL_STATUSES = ["PENDING", "APPROVED", "REJECTED", "WON", "LOST"] as const;
export const LEAD_STATUSES = ["UNASSIGNED", "OFFERED", "ACCEPTED", "WON", "LOST"] as const;
export const LEAD_SOURCES = ["WEBSITE", "TRADE_SHOW", "REFERRAL", "CAMPAIGN", "PHONE", "OTHER"] as const;
export const LEAD_RULES = ["ROUND_ROBIN", "BEST_COMPLETION", "MANUAL"] as const;

export const DealFieldsFragment = graphql(`
  fragment DealFields on DealRegistration {
    id
    number
    status
    customerName
    city
    expectedCloseOn
    notes
    protected
    protectedUntil
    decisionNote
    decidedByName
    outcomeNote
    registeredAt
    registeredByName
    version
    allowedActions
    dealer {
      id
      name
    }
    territory {
      id
      name
      nameZh
    }
    lines {
      id
      sku
      productName
      quantity
    }
    orders {
      id
      number
    }
    conflictCase {
      id
      number
    }
  }
`);

export const DealsQuery = graphql(`
  query Deals($statuses: [DealStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    dealRegistrations(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...DealFields
        }
      }
    }
  }
`);

/** What the registration form offers: the dealer's territories and the products it may buy. */
export const DealFormQuery = graphql(`
  query DealForm {
    me {
      id
      dealer {
        id
        territories {
          id
          name
          nameZh
        }
      }
    }
    products(first: 100, where: { active: true }, orderBy: { field: SKU }) {
      edges {
        node {
          id
          sku
          name
          nameZh
        }
      }
    }
  }
`);

export const RegisterDealMutation = graphql(`
  mutation RegisterDeal($input: RegisterDealInput!) {
    registerDeal(input: $input) {
      ...DealFields
    }
  }
`);

export const ApproveDealMutation = graphql(`
  mutation ApproveDeal($id: ID!, $protectionDays: Int, $note: String, $expectedVersion: Int) {
    approveDeal(id: $id, protectionDays: $protectionDays, note: $note, expectedVersion: $expectedVersion) {
      ...DealFields
    }
  }
`);

export const RejectDealMutation = graphql(`
  mutation RejectDeal($id: ID!, $reason: String!, $expectedVersion: Int) {
    rejectDeal(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      ...DealFields
    }
  }
`);

export const CloseDealMutation = graphql(`
  mutation CloseDeal($id: ID!, $outcome: DealStatus!, $orderIDs: [ID!], $note: String, $expectedVersion: Int) {
    closeDeal(id: $id, outcome: $outcome, orderIDs: $orderIDs, note: $note, expectedVersion: $expectedVersion) {
      ...DealFields
    }
  }
`);

/** The dealer's orders a WON registration may name. */
export const DealOrdersQuery = graphql(`
  query DealOrders {
    orders(first: 30) {
      edges {
        node {
          id
          number
          status
        }
      }
    }
  }
`);

export const LeadFieldsFragment = graphql(`
  fragment LeadFields on Lead {
    id
    number
    status
    customerName
    city
    need
    source
    rule
    offeredAt
    answerDueAt
    outcomeNote
    createdAt
    allowedActions
    territory {
      id
      name
      nameZh
    }
    dealer {
      id
      name
    }
    deal {
      id
      number
      status
      protected
    }
  }
`);

export const LeadsQuery = graphql(`
  query Leads($statuses: [LeadStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    leads(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...LeadFields
        }
      }
    }
  }
`);

/** What the lead board offers: territories and the dealers staff see. */
export const LeadBoardOptionsQuery = graphql(`
  query LeadBoardOptions {
    territories(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    dealers(first: 100) {
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

export const CreateLeadMutation = graphql(`
  mutation CreateLead($input: CreateLeadInput!) {
    createLead(input: $input) {
      ...LeadFields
    }
  }
`);

export const AssignLeadMutation = graphql(`
  mutation AssignLead($id: ID!, $rule: LeadAssignmentRule!, $dealerID: ID) {
    assignLead(id: $id, rule: $rule, dealerID: $dealerID) {
      ...LeadFields
    }
  }
`);

export const AcceptLeadMutation = graphql(`
  mutation AcceptLead($id: ID!) {
    acceptLead(id: $id) {
      ...LeadFields
    }
  }
`);

export const DeclineLeadMutation = graphql(`
  mutation DeclineLead($id: ID!, $reason: String!) {
    declineLead(id: $id, reason: $reason) {
      ...LeadFields
    }
  }
`);

export const LeadOutcomeMutation = graphql(`
  mutation LeadOutcome($id: ID!, $outcome: LeadStatus!, $orderIDs: [ID!], $note: String) {
    reportLeadOutcome(id: $id, outcome: $outcome, orderIDs: $orderIDs, note: $note) {
      ...LeadFields
    }
  }
`);

export const LeadConversionQuery = graphql(`
  query LeadConversion($dealerID: ID!, $period: Period!) {
    scorecard(dealerID: $dealerID, period: $period) {
      period
      leadConversion {
        offered
        accepted
        won
        rate
      }
    }
  }
`);

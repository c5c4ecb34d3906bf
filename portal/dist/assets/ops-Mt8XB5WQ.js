import{o as e}from"./usePageTitle-CUEgSYxO.js";var t=[`PENDING`,`APPROVED`,`REJECTED`,`WON`,`LOST`],n=[`WEBSITE`,`TRADE_SHOW`,`REFERRAL`,`CAMPAIGN`,`PHONE`,`OTHER`],r=[`ROUND_ROBIN`,`BEST_COMPLETION`,`MANUAL`];e(`
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
`);var i=e(`
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
`),a=e(`
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
`),o=e(`
  mutation RegisterDeal($input: RegisterDealInput!) {
    registerDeal(input: $input) {
      ...DealFields
    }
  }
`),s=e(`
  mutation ApproveDeal($id: ID!, $protectionDays: Int, $note: String, $expectedVersion: Int) {
    approveDeal(id: $id, protectionDays: $protectionDays, note: $note, expectedVersion: $expectedVersion) {
      ...DealFields
    }
  }
`),c=e(`
  mutation RejectDeal($id: ID!, $reason: String!, $expectedVersion: Int) {
    rejectDeal(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      ...DealFields
    }
  }
`),l=e(`
  mutation CloseDeal($id: ID!, $outcome: DealStatus!, $orderIDs: [ID!], $note: String, $expectedVersion: Int) {
    closeDeal(id: $id, outcome: $outcome, orderIDs: $orderIDs, note: $note, expectedVersion: $expectedVersion) {
      ...DealFields
    }
  }
`),u=e(`
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
`);e(`
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
`);var d=e(`
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
`),f=e(`
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
`),p=e(`
  mutation CreateLead($input: CreateLeadInput!) {
    createLead(input: $input) {
      ...LeadFields
    }
  }
`),m=e(`
  mutation AssignLead($id: ID!, $rule: LeadAssignmentRule!, $dealerID: ID) {
    assignLead(id: $id, rule: $rule, dealerID: $dealerID) {
      ...LeadFields
    }
  }
`),h=e(`
  mutation AcceptLead($id: ID!) {
    acceptLead(id: $id) {
      ...LeadFields
    }
  }
`),g=e(`
  mutation DeclineLead($id: ID!, $reason: String!) {
    declineLead(id: $id, reason: $reason) {
      ...LeadFields
    }
  }
`),_=e(`
  mutation LeadOutcome($id: ID!, $outcome: LeadStatus!, $orderIDs: [ID!], $note: String) {
    reportLeadOutcome(id: $id, outcome: $outcome, orderIDs: $orderIDs, note: $note) {
      ...LeadFields
    }
  }
`),v=e(`
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
`);export{o as _,p as a,u as c,r as d,n as f,d as g,_ as h,l as i,i as l,v as m,s as n,t as o,f as p,m as r,a as s,h as t,g as u,c as v};
// The GraphQL documents of agreements: a dealer reads its own; staff list
// them, see those ending soon, write, amend, renew and terminate them.
import { graphql } from "../gql";

export const AGREEMENT_KINDS = ["DISTRIBUTION", "DEALER", "SERVICE"] as const;
export const AGREEMENT_STATUSES = ["DRAFT", "ACTIVE", "EXPIRED", "TERMINATED"] as const;
/** How far ahead the staff's "ending soon" list looks. */
export const ENDING_WITHIN_DAYS = 60;

export const AgreementFieldsFragment = graphql(`
  fragment AgreementFields on Agreement {
    id
    number
    kind
    status
    startsOn
    endsOn
    autoRenew
    renewalNoticeDays
    noticeFrom
    endingSoon
    terms
    version
    terminatedAt
    terminationReason
    allowedActions
    dealer {
      id
      code
      name
    }
    channel {
      id
      name
    }
    territories {
      id
      name
    }
    history {
      id
      version
      change
      startsOn
      endsOn
      terms
      note
      authorName
      at
    }
  }
`);

export const AgreementsQuery = graphql(`
  query Agreements($statuses: [AgreementStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    agreements(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          number
          kind
          status
          startsOn
          endsOn
          endingSoon
          dealer {
            id
            name
          }
        }
      }
    }
  }
`);

export const AgreementsEndingQuery = graphql(`
  query AgreementsEnding($withinDays: Int!) {
    agreementsEnding(withinDays: $withinDays) {
      id
      number
      kind
      endsOn
      autoRenew
      noticeFrom
      endingSoon
      dealer {
        id
        name
      }
    }
  }
`);

export const AgreementDetailQuery = graphql(`
  query AgreementDetail($id: ID!) {
    node(id: $id) {
      ...AgreementFields
      ... on Agreement {
        attachments {
          ...AttachmentFields
        }
      }
    }
  }
`);

export const AgreementEditorOptionsQuery = graphql(`
  query AgreementEditorOptions {
    dealers(first: 100, orderBy: { field: NAME }) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CreateAgreementMutation = graphql(`
  mutation CreateAgreement($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      ...AgreementFields
    }
  }
`);

export const AmendAgreementMutation = graphql(`
  mutation AmendAgreement($id: ID!, $input: AmendAgreementInput!, $note: String, $expectedVersion: Int) {
    amendAgreement(id: $id, input: $input, note: $note, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`);

export const ActivateAgreementMutation = graphql(`
  mutation ActivateAgreement($id: ID!, $expectedVersion: Int) {
    activateAgreement(id: $id, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`);

export const RenewAgreementMutation = graphql(`
  mutation RenewAgreement($id: ID!, $endsOn: Date, $note: String, $expectedVersion: Int) {
    renewAgreement(id: $id, endsOn: $endsOn, note: $note, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`);

export const TerminateAgreementMutation = graphql(`
  mutation TerminateAgreement($id: ID!, $reason: String!, $expectedVersion: Int) {
    terminateAgreement(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      ...AgreementFields
    }
  }
`);

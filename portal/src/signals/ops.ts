import { graphql } from "../gql";

// What a signal row shows: the rule, the subject with the dealer's channel
// (signals are grouped by it), the period, the evidence and the outcome.
export const SignalFieldsFragment = graphql(`
  fragment SignalFields on ChannelSignal {
    id
    rule
    period
    status
    subjectKind
    raisedAt
    resolvedAt
    resolvedByName
    withdrawnAt
    withdrawnReason
    resolutionNote
    evidence {
      kpi
      previous
      current
      threshold
    }
    dealer {
      id
      code
      name
      channel {
        id
        code
        name
        nameZh
      }
    }
    channel {
      id
      code
      name
      nameZh
    }
    territory {
      id
      code
      name
      nameZh
    }
  }
`);

// eventCursor is read with the list: subscribing after it misses nothing.
export const SignalsQuery = graphql(`
  query Signals($status: SignalStatus, $rule: Int, $channelID: ID, $first: Int, $after: Cursor) {
    eventCursor
    signals(status: $status, rule: $rule, channelID: $channelID, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...SignalFields
        }
      }
    }
  }
`);

// The open signals per rule, for the chart above the inbox: counts only.
export const OpenByRuleQuery = graphql(`
  query OpenSignalsByRule {
    all: signals(status: OPEN, first: 0) {
      totalCount
    }
    r1: signals(status: OPEN, rule: 1, first: 0) {
      totalCount
    }
    r2: signals(status: OPEN, rule: 2, first: 0) {
      totalCount
    }
    r3: signals(status: OPEN, rule: 3, first: 0) {
      totalCount
    }
    r4: signals(status: OPEN, rule: 4, first: 0) {
      totalCount
    }
    r5: signals(status: OPEN, rule: 5, first: 0) {
      totalCount
    }
    r6: signals(status: OPEN, rule: 6, first: 0) {
      totalCount
    }
    r7: signals(status: OPEN, rule: 7, first: 0) {
      totalCount
    }
    r8: signals(status: OPEN, rule: 8, first: 0) {
      totalCount
    }
    r9: signals(status: OPEN, rule: 9, first: 0) {
      totalCount
    }
    r10: signals(status: OPEN, rule: 10, first: 0) {
      totalCount
    }
  }
`);

export const SignalChannelsQuery = graphql(`
  query SignalChannels {
    channels(first: 100) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
  }
`);

export const OpenSignalCountQuery = graphql(`
  query OpenSignalCount {
    eventCursor
    signals(status: OPEN, first: 1) {
      totalCount
    }
  }
`);

export const ResolveSignalMutation = graphql(`
  mutation ResolveSignal($id: ID!, $note: String!) {
    resolveSignal(id: $id, note: $note) {
      ...SignalFields
    }
  }
`);

export const SignalRuleFieldsFragment = graphql(`
  fragment SignalRuleFields on SignalRule {
    rule
    name
    condition
    subjects
    periodKind
    wholePeriods
    enabled
    updatedAt
    updatedByName
    thresholds {
      name
      value
      unit
      default
      min
      max
    }
  }
`);

export const SignalRulesQuery = graphql(`
  query SignalRules {
    signalRules {
      ...SignalRuleFields
    }
  }
`);

export const UpdateSignalRuleMutation = graphql(`
  mutation UpdateSignalRule($rule: Int!, $input: SignalRuleInput!) {
    updateSignalRule(rule: $rule, input: $input) {
      ...SignalRuleFields
    }
  }
`);

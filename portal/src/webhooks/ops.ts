import { graphql } from "../gql";

export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks(first: 100) {
      totalCount
      edges {
        node {
          id
          url
          description
          eventKinds
          status
          pausedReason
          pendingDeliveries
          lastDelivery {
            id
            status
            responseCode
            lastAttemptAt
          }
        }
      }
    }
  }
`);

export const WebhookQuery = graphql(`
  query Webhook($id: ID!, $status: WebhookDeliveryStatus, $after: Cursor) {
    node(id: $id) {
      ... on Webhook {
        id
        url
        description
        eventKinds
        status
        pausedReason
        pausedAt
        createdAt
        pendingDeliveries
        deliveries(status: $status, first: 50, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              eventKind
              eventCursor
              origin
              status
              responseCode
              attempts
              firstAttemptAt
              lastAttemptAt
              nextAttemptAt
              deliveredAt
              responseExcerpt
              error
            }
          }
        }
      }
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: WebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
      }
    }
  }
`);

export const UpdateWebhookMutation = graphql(`
  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      id
      url
      description
      eventKinds
    }
  }
`);

export const PauseWebhookMutation = graphql(`
  mutation PauseWebhook($id: ID!) {
    pauseWebhook(id: $id) {
      id
      status
      pausedReason
    }
  }
`);

export const ResumeWebhookMutation = graphql(`
  mutation ResumeWebhook($id: ID!) {
    resumeWebhook(id: $id) {
      id
      status
      pausedReason
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        id
      }
    }
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($id: ID!) {
    redeliverWebhook(deliveryID: $id) {
      id
      status
    }
  }
`);

export const ReplayWebhookMutation = graphql(`
  mutation ReplayWebhook($id: ID!, $after: String!) {
    replayWebhook(id: $id, after: $after)
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

/** The kinds an endpoint may receive, in the API's order. */
export const webhookKinds = [
  "ORDER_STATUS_CHANGED",
  "DELIVERY_UPDATED",
  "INVOICE_ISSUED",
  "PAYMENT_RECORDED",
  "CREDIT_NOTE_ISSUED",
  "DEALER_CHANGED",
  "RETURN_UPDATED",
] as const;

import { graphql } from "../gql";

export const PushSettingsQuery = graphql(`
  query PushSettings {
    webPushPublicKey
    pushSubscriptions {
      endpoint
      userAgent
      createdAt
      lastSuccessAt
    }
  }
`);

export const SubscribePushMutation = graphql(`
  mutation SubscribePush($input: SubscribePushInput!) {
    subscribePush(input: $input) {
      endpoint
      userAgent
      createdAt
      lastSuccessAt
    }
  }
`);

export const UnsubscribePushMutation = graphql(`
  mutation UnsubscribePush($endpoint: String!) {
    unsubscribePush(endpoint: $endpoint)
  }
`);

export const SendTestPushMutation = graphql(`
  mutation SendTestPush {
    sendTestPush
  }
`);

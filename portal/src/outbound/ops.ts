import { graphql } from "../gql";

export const OutboundMessagesQuery = graphql(`
  query OutboundMessages($channel: OutboundChannel, $status: OutboundStatus) {
    emailEnabled
    outboundMessages(channel: $channel, status: $status, first: 100) {
      channel
      to
      subject
      status
      attempts
      lastError
      createdAt
      lastAttemptAt
      nextAttemptAt
      sentAt
    }
  }
`);

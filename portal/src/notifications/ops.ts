import { graphql } from "../gql";

export const NotificationFieldsFragment = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    link
    createdAt
    readAt
  }
`);

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    eventCursor
    notifications(first: 1) {
      unreadCount
    }
  }
`);

export const InboxQuery = graphql(`
  query Inbox($unreadOnly: Boolean, $first: Int, $after: Cursor) {
    eventCursor
    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      unreadCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...NotificationFields
        }
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      unreadCount
      notifications {
        id
        readAt
      }
    }
  }
`);

export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    notificationSettings {
      locale
      defaultLocale
      digestHour
      kinds {
        kind
        inbox
        email
        push
        custom
      }
    }
  }
`);

export const UpdateNotificationSettingsMutation = graphql(`
  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      locale
      defaultLocale
      digestHour
      kinds {
        kind
        inbox
        email
        push
        custom
      }
    }
  }
`);

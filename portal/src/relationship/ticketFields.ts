import { graphql } from "../gql";

// A service ticket as its page shows it: the thread and the moves the
// viewer may make now (allowedActions), which the page offers as they are.
export const TicketFieldsFragment = graphql(`
  fragment TicketFields on ServiceTicket {
    id
    number
    subject
    body
    category
    status
    openedAt
    openedByName
    firstResponseAt
    closedAt
    lastActivityAt
    replyCount
    allowedActions
    dealer {
      id
      code
      name
    }
    order {
      id
      number
    }
    attachments {
      ...AttachmentFields
    }
    thread {
      id
      authorName
      fromStaff
      body
      at
      attachments {
        ...AttachmentFields
      }
    }
  }
`);

export const TICKET_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export const TICKET_CATEGORIES = ["DELIVERY", "PRODUCT", "BILLING", "OTHER"] as const;

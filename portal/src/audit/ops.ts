import { graphql } from "../gql";

export const AuditTrailQuery = graphql(`
  query AuditTrail($filter: AuditFilter, $after: Cursor) {
    auditTrail(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          actorName
          action
          subjectType
          subjectID
          dealer {
            id
            code
            name
          }
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`);

export const AuditMenusQuery = graphql(`
  query AuditMenus {
    auditSubjectTypes
    auditActions
    users(first: 100, orderBy: { field: EMAIL, direction: ASC }) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
    dealers(first: 100, orderBy: { field: NAME }) {
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

export const AuditTrailCSVQuery = graphql(`
  query AuditTrailCSV($filter: AuditFilter) {
    auditTrailCSV(filter: $filter)
  }
`);

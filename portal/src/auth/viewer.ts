import { useQuery } from "urql";
import { graphql } from "../gql";

// Who is signed in: the header, the navigation and the dealer's Home read it.
export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      name
      email
      role
      dealer {
        id
        code
        name
        tier
        status
        creditLimit
        paymentTermsDays
      }
    }
  }
`);

export function useViewer() {
  return useQuery({ query: ViewerQuery });
}

import { graphql } from "../gql";

/** The JSON document of everything held about a user or a contact. */
export const ExportPersonalDataQuery = graphql(`
  query ExportPersonalData($userID: ID, $contactID: ID) {
    exportPersonalData(userID: $userID, contactID: $contactID)
  }
`);

export const ErasePersonalDataMutation = graphql(`
  mutation ErasePersonalData($userID: ID, $contactID: ID, $note: String!) {
    erasePersonalData(userID: $userID, contactID: $contactID, note: $note) {
      placeholder
      tokensRevoked
      textsErased
      copiesScrubbed
    }
  }
`);

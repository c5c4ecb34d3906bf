import { graphql } from "../gql";

// An attachment as lists show it. Pages select `attachments { ...AttachmentFields }`
// on what they show (a ticket, a reply, a report, …) and hand it to <Attachments>.
export const AttachmentFieldsFragment = graphql(`
  fragment AttachmentFields on Attachment {
    id
    fileName
    contentType
    size
    isImage
    createdAt
    uploaderName
    url
    thumbnailURL
    canDelete
  }
`);

// The file travels as a multipart request (the GraphQL multipart request
// spec): urql sends a File variable that way by itself, with the query
// text exactly as operations.json lists it.
export const UploadAttachmentMutation = graphql(`
  mutation UploadAttachment($parentID: ID!, $file: Upload!) {
    uploadAttachment(parentID: $parentID, file: $file) {
      ...AttachmentFields
    }
  }
`);

export const DeleteAttachmentMutation = graphql(`
  mutation DeleteAttachment($id: ID!) {
    deleteAttachment(id: $id) {
      id
    }
  }
`);

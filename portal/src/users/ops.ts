import { graphql } from "../gql";

/** Whether the dealer user signed in manages its dealer's users (the menu asks). */
export const DealerAdminQuery = graphql(`
  query DealerAdmin {
    me {
      id
      dealerAdmin
    }
  }
`);

export const UsersQuery = graphql(`
  query Users {
    me {
      id
      role
      dealerAdmin
      dealer {
        id
      }
    }
    users(first: 100, orderBy: { field: EMAIL, direction: ASC }) {
      edges {
        node {
          id
          name
          email
          role
          active
          dealerAdmin
          invitationPending
          canErasePersonalData
          canExportPersonalData
          dealer {
            id
            code
            name
          }
        }
      }
    }
  }
`);

export const InviteDealersQuery = graphql(`
  query InviteDealers {
    dealers(first: 100, orderBy: { field: NAME, direction: ASC }) {
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

export const InviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      link
      user {
        id
        email
        invitationPending
      }
    }
  }
`);

export const ReinviteUserMutation = graphql(`
  mutation ReinviteUser($id: ID!) {
    reinviteUser(id: $id) {
      link
      user {
        id
        email
        active
        invitationPending
      }
    }
  }
`);

export const DeactivateUserMutation = graphql(`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

export const ActivateUserMutation = graphql(`
  mutation ActivateUser($id: ID!) {
    activateUser(id: $id) {
      id
      active
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!, $name: String) {
    acceptInvitation(token: $token, password: $password, name: $name) {
      token
      expiresAt
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`);

/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      dealer {\n        id\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query DealerStatusCounts {\n    active: dealers(where: { status: ACTIVE }) {\n      totalCount\n    }\n    probation: dealers(where: { status: PROBATION }) {\n      totalCount\n    }\n    suspended: dealers(where: { status: SUSPENDED }) {\n      totalCount\n    }\n    terminated: dealers(where: { status: TERMINATED }) {\n      totalCount\n    }\n  }\n": typeof types.DealerStatusCountsDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Catalogue($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    products(\n      where: { active: true, nameContainsFold: $q }\n      orderBy: { field: SKU }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          sku\n          name\n          category\n          listPrice\n          prices {\n            id\n            tier\n            amount\n            validFrom\n            validTo\n            channel {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogueDocument,
    "\n  query Dealer($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dealer {\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n        joinedOn\n        channel {\n          id\n          name\n        }\n        parent {\n          id\n          code\n          name\n        }\n        owner {\n          id\n          name\n        }\n        territories {\n          id\n          code\n          name\n          region\n        }\n        subDealers {\n          id\n          code\n          name\n        }\n        contacts {\n          id\n          name\n          title\n          email\n          phone\n          primary\n        }\n      }\n    }\n  }\n": typeof types.DealerDocument,
    "\n  query Dealers($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    dealers(\n      where: { nameContainsFold: $q }\n      orderBy: { field: NAME }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          tier\n          status\n          channel {\n            id\n            name\n          }\n          territories {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.DealersDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      dealer {\n        id\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query DealerStatusCounts {\n    active: dealers(where: { status: ACTIVE }) {\n      totalCount\n    }\n    probation: dealers(where: { status: PROBATION }) {\n      totalCount\n    }\n    suspended: dealers(where: { status: SUSPENDED }) {\n      totalCount\n    }\n    terminated: dealers(where: { status: TERMINATED }) {\n      totalCount\n    }\n  }\n": types.DealerStatusCountsDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Catalogue($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    products(\n      where: { active: true, nameContainsFold: $q }\n      orderBy: { field: SKU }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          sku\n          name\n          category\n          listPrice\n          prices {\n            id\n            tier\n            amount\n            validFrom\n            validTo\n            channel {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CatalogueDocument,
    "\n  query Dealer($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dealer {\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n        joinedOn\n        channel {\n          id\n          name\n        }\n        parent {\n          id\n          code\n          name\n        }\n        owner {\n          id\n          name\n        }\n        territories {\n          id\n          code\n          name\n          region\n        }\n        subDealers {\n          id\n          code\n          name\n        }\n        contacts {\n          id\n          name\n          title\n          email\n          phone\n          primary\n        }\n      }\n    }\n  }\n": types.DealerDocument,
    "\n  query Dealers($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    dealers(\n      where: { nameContainsFold: $q }\n      orderBy: { field: NAME }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          tier\n          status\n          channel {\n            id\n            name\n          }\n          territories {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.DealersDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      dealer {\n        id\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      email\n      role\n      dealer {\n        id\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DealerStatusCounts {\n    active: dealers(where: { status: ACTIVE }) {\n      totalCount\n    }\n    probation: dealers(where: { status: PROBATION }) {\n      totalCount\n    }\n    suspended: dealers(where: { status: SUSPENDED }) {\n      totalCount\n    }\n    terminated: dealers(where: { status: TERMINATED }) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DealerStatusCounts {\n    active: dealers(where: { status: ACTIVE }) {\n      totalCount\n    }\n    probation: dealers(where: { status: PROBATION }) {\n      totalCount\n    }\n    suspended: dealers(where: { status: SUSPENDED }) {\n      totalCount\n    }\n    terminated: dealers(where: { status: TERMINATED }) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    products(\n      where: { active: true, nameContainsFold: $q }\n      orderBy: { field: SKU }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          sku\n          name\n          category\n          listPrice\n          prices {\n            id\n            tier\n            amount\n            validFrom\n            validTo\n            channel {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Catalogue($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    products(\n      where: { active: true, nameContainsFold: $q }\n      orderBy: { field: SKU }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          sku\n          name\n          category\n          listPrice\n          prices {\n            id\n            tier\n            amount\n            validFrom\n            validTo\n            channel {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dealer($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dealer {\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n        joinedOn\n        channel {\n          id\n          name\n        }\n        parent {\n          id\n          code\n          name\n        }\n        owner {\n          id\n          name\n        }\n        territories {\n          id\n          code\n          name\n          region\n        }\n        subDealers {\n          id\n          code\n          name\n        }\n        contacts {\n          id\n          name\n          title\n          email\n          phone\n          primary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dealer($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Dealer {\n        code\n        name\n        tier\n        status\n        creditLimit\n        paymentTermsDays\n        joinedOn\n        channel {\n          id\n          name\n        }\n        parent {\n          id\n          code\n          name\n        }\n        owner {\n          id\n          name\n        }\n        territories {\n          id\n          code\n          name\n          region\n        }\n        subDealers {\n          id\n          code\n          name\n        }\n        contacts {\n          id\n          name\n          title\n          email\n          phone\n          primary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dealers($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    dealers(\n      where: { nameContainsFold: $q }\n      orderBy: { field: NAME }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          tier\n          status\n          channel {\n            id\n            name\n          }\n          territories {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dealers($q: String, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    dealers(\n      where: { nameContainsFold: $q }\n      orderBy: { field: NAME }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          code\n          name\n          tier\n          status\n          channel {\n            id\n            name\n          }\n          territories {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
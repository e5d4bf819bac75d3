/* eslint-disable */
import * as types from './graphql.js';
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
    "fragment AuthFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  sessionToken\n  user {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nfragment UserErrorFields on UserError {\n  code\n  field\n  message\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation RefreshSession($sessionToken: String!) {\n  refreshSession(sessionToken: $sessionToken) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Logout($sessionToken: String!) {\n  logout(sessionToken: $sessionToken) {\n    success\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation LogoutEverywhere {\n  logoutEverywhere {\n    endedSessions\n  }\n}\n\nquery Me {\n  me {\n    id\n    email\n    displayName\n    role\n    createdAt\n  }\n}\n\nquery User($id: ID!) {\n  user(id: $id) {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nquery Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        email\n        displayName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation SetMaintenanceMode($enabled: Boolean!) {\n  setMaintenanceMode(enabled: $enabled) {\n    maintenance\n    maintenanceChangedAt\n  }\n}": typeof types.AuthFieldsFragmentDoc,
    "query ServiceContext {\n  serviceContext {\n    maintenance\n    maintenanceChangedAt\n    version\n    startedAt\n    database\n  }\n}": typeof types.ServiceContextDocument,
};
const documents: Documents = {
    "fragment AuthFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  sessionToken\n  user {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nfragment UserErrorFields on UserError {\n  code\n  field\n  message\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation RefreshSession($sessionToken: String!) {\n  refreshSession(sessionToken: $sessionToken) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Logout($sessionToken: String!) {\n  logout(sessionToken: $sessionToken) {\n    success\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation LogoutEverywhere {\n  logoutEverywhere {\n    endedSessions\n  }\n}\n\nquery Me {\n  me {\n    id\n    email\n    displayName\n    role\n    createdAt\n  }\n}\n\nquery User($id: ID!) {\n  user(id: $id) {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nquery Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        email\n        displayName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation SetMaintenanceMode($enabled: Boolean!) {\n  setMaintenanceMode(enabled: $enabled) {\n    maintenance\n    maintenanceChangedAt\n  }\n}": types.AuthFieldsFragmentDoc,
    "query ServiceContext {\n  serviceContext {\n    maintenance\n    maintenanceChangedAt\n    version\n    startedAt\n    database\n  }\n}": types.ServiceContextDocument,
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
export function graphql(source: "fragment AuthFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  sessionToken\n  user {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nfragment UserErrorFields on UserError {\n  code\n  field\n  message\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation RefreshSession($sessionToken: String!) {\n  refreshSession(sessionToken: $sessionToken) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Logout($sessionToken: String!) {\n  logout(sessionToken: $sessionToken) {\n    success\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation LogoutEverywhere {\n  logoutEverywhere {\n    endedSessions\n  }\n}\n\nquery Me {\n  me {\n    id\n    email\n    displayName\n    role\n    createdAt\n  }\n}\n\nquery User($id: ID!) {\n  user(id: $id) {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nquery Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        email\n        displayName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation SetMaintenanceMode($enabled: Boolean!) {\n  setMaintenanceMode(enabled: $enabled) {\n    maintenance\n    maintenanceChangedAt\n  }\n}"): (typeof documents)["fragment AuthFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  sessionToken\n  user {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nfragment UserErrorFields on UserError {\n  code\n  field\n  message\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation RefreshSession($sessionToken: String!) {\n  refreshSession(sessionToken: $sessionToken) {\n    auth {\n      ...AuthFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation Logout($sessionToken: String!) {\n  logout(sessionToken: $sessionToken) {\n    success\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}\n\nmutation LogoutEverywhere {\n  logoutEverywhere {\n    endedSessions\n  }\n}\n\nquery Me {\n  me {\n    id\n    email\n    displayName\n    role\n    createdAt\n  }\n}\n\nquery User($id: ID!) {\n  user(id: $id) {\n    id\n    email\n    displayName\n    role\n  }\n}\n\nquery Users($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        email\n        displayName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation SetMaintenanceMode($enabled: Boolean!) {\n  setMaintenanceMode(enabled: $enabled) {\n    maintenance\n    maintenanceChangedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServiceContext {\n  serviceContext {\n    maintenance\n    maintenanceChangedAt\n    version\n    startedAt\n    database\n  }\n}"): (typeof documents)["query ServiceContext {\n  serviceContext {\n    maintenance\n    maintenanceChangedAt\n    version\n    startedAt\n    database\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
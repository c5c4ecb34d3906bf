// Recognising the server's word that a session is over, on either transport.
import type { CombinedError } from "@urql/core";
import { CloseCode } from "graphql-ws";

/** The websocket close code with which the server refuses a token (DESIGN.md §5): graphql-ws's Forbidden, 4403. */
export const CLOSE_FORBIDDEN = CloseCode.Forbidden;

/** Whether a GraphQL result's error means the token is no longer accepted. */
export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
}

/** Whether a websocket close event is the server refusing the token. */
export function isForbiddenClose(event: unknown): boolean {
  return (
    typeof event === "object" &&
    event !== null &&
    "code" in event &&
    (event as { code: unknown }).code === CLOSE_FORBIDDEN
  );
}

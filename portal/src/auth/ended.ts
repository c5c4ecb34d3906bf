// Recognising the server's word that a session is over, on either transport.
import type { CombinedError } from "@urql/core";

/** The websocket close code with which the server refuses a token (DESIGN.md §5). */
export const CLOSE_FORBIDDEN = 4403;

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

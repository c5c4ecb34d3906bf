import { beforeEach, describe, expect, it, vi } from "vitest";
import { beginSignOut, clearEndReason, endSession, getToken, onSessionChange, sessionEndReason, signedIn } from "./session";
import { isForbiddenClose, isUnauthenticated } from "./ended";
import { CombinedError } from "@urql/core";

beforeEach(() => {
  localStorage.clear();
  clearEndReason();
});

describe("session", () => {
  it("keeps the token in localStorage", () => {
    expect(getToken()).toBeNull();
    signedIn("secret-1");
    expect(getToken()).toBe("secret-1");
    expect(localStorage.getItem("dealerline.token")).toBe("secret-1");
  });

  it("forgets the token and says why the session ended", () => {
    signedIn("secret-1");
    endSession("expired");
    expect(getToken()).toBeNull();
    expect(localStorage.getItem("dealerline.token")).toBeNull();
    expect(sessionEndReason()).toBe("expired");
    clearEndReason();
    expect(sessionEndReason()).toBeNull();
  });

  it("takes the token refused during a sign-out for the sign-out", () => {
    signedIn("t");
    beginSignOut();
    endSession("expired"); // the websocket closed with 4403 as the logout revoked the token
    endSession("signedOut");
    expect(sessionEndReason()).toBe("signedOut");
    signedIn("u");
    endSession("expired");
    expect(sessionEndReason()).toBe("expired");
  });

  it("does not report a session ending when there was none", () => {
    endSession("expired");
    expect(sessionEndReason()).toBeNull();
  });

  it("tells listeners when the session starts and ends", () => {
    const listener = vi.fn();
    const stop = onSessionChange(listener);
    signedIn("secret-1");
    endSession("signedOut");
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    signedIn("secret-2");
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("a new sign-in clears the old reason", () => {
    signedIn("a");
    endSession("expired");
    signedIn("b");
    expect(sessionEndReason()).toBeNull();
  });
});

describe("recognising a refused token", () => {
  it("finds UNAUTHENTICATED among the GraphQL errors", () => {
    const err = new CombinedError({
      graphQLErrors: [{ message: "your session has expired; sign in again", extensions: { code: "UNAUTHENTICATED" } }],
    });
    expect(isUnauthenticated(err)).toBe(true);
  });

  it("leaves other errors alone", () => {
    expect(isUnauthenticated(new CombinedError({ graphQLErrors: [{ message: "no", extensions: { code: "FORBIDDEN" } }] }))).toBe(false);
    expect(isUnauthenticated(new CombinedError({ networkError: new Error("offline") }))).toBe(false);
    expect(isUnauthenticated(undefined)).toBe(false);
  });

  it("knows the websocket close code 4403", () => {
    expect(isForbiddenClose({ code: 4403, reason: "Forbidden" })).toBe(true);
    expect(isForbiddenClose({ code: 1001 })).toBe(false);
    expect(isForbiddenClose(new Error("4403"))).toBe(false);
    expect(isForbiddenClose(null)).toBe(false);
  });
});

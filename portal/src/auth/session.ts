// The signed-in session: the bearer token from `login`, kept in localStorage
// so a reload or a deep link in a new tab stays signed in, and the reason the
// last session ended, shown on the sign-in page.

import { clearOfflineData } from "../pwa/offline";

const TOKEN_KEY = "dealerline.token";

export type EndReason = "expired" | "signedOut";

type Listener = () => void;

let endReason: EndReason | null = null;
// A sign-out under way: the logout revokes the token, and the server may
// close the websocket with 4403 before the logout answers. That is the
// sign-out, not an expiry.
let signingOut = false;
const listeners = new Set<Listener>();

function notify() {
  for (const l of listeners) l();
}

/** The stored bearer token, or null when signed out. */
export function getToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: behave as signed out
  }
}

/** Starts a session with the token `login` returned. */
export function signedIn(token: string) {
  endReason = null;
  try {
    window.localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Private mode without storage: the session lasts until reload.
  }
  notify();
}

/**
 * Ends the session: forgets the token and records why, so the sign-in page
 * can say so. Called when the person signs out, and when the server refuses
 * the token (UNAUTHENTICATED, or a websocket closed with 4403).
 */
export function endSession(reason: EndReason) {
  if (signingOut) reason = "signedOut";
  signingOut = false;
  const had = getToken() !== null;
  try {
    window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
  // Only a session that existed can end; a refused sign-in is not one.
  if (had || reason === "signedOut") endReason = reason;
  // What the service worker kept for offline use was this person's.
  void clearOfflineData();
  notify();
}

/** Marks a sign-out under way, until the session ends. */
export function beginSignOut() {
  signingOut = true;
}

/** Why the last session ended, or null. */
export function sessionEndReason(): EndReason | null {
  return endReason;
}

/** Clears the end reason once the sign-in page has shown it. */
export function clearEndReason() {
  endReason = null;
}

/** Calls listener whenever the session starts or ends; returns the unsubscribe. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signing in or out changes this tab's session too.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key === TOKEN_KEY || e.key === null) notify();
  });
}

import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { Provider as UrqlProvider } from "urql";
import { makeClient, type PortalClient } from "../api/client";
import { endSession, getToken, onSessionChange } from "./session";

type Session = { token: string | null };

const SessionContext = createContext<Session>({ token: null });

type Props = {
  children: ReactNode;
  /** Replaces the real client, for tests. */
  client?: PortalClient["client"];
};

/** Provides the session and an urql client made for it. */
export function SessionProvider({ children, client }: Props) {
  const token = useSyncExternalStore(onSessionChange, getToken);
  const portal = useMemo(
    () => (client ? null : makeClient({ token, onSessionEnded: () => endSession("expired") })),
    [token, client],
  );
  useEffect(() => () => portal?.dispose(), [portal]);
  const session = useMemo(() => ({ token }), [token]);
  return (
    <SessionContext.Provider value={session}>
      <UrqlProvider value={client ?? portal!.client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  return useContext(SessionContext);
}

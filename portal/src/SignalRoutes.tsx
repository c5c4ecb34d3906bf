// The pages of the channel-change signals, for managers and administrators:
// the inbox and the rules. A dealer user gets the page-not-found page, as
// for any page that is not theirs. Each loads on its own the first time it
// is opened.
import { lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { Route } from "react-router";
import { useViewer } from "./auth/viewer";
import { Loading } from "./components/States";
import { NotFound } from "./pages/NotFound";

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page: ComponentType = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <StaffOnly>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </StaffOnly>
  );
}

function StaffOnly({ children }: { children: ReactElement }) {
  const [{ data }] = useViewer();
  const role = data?.me.role;
  if (!role) return null;
  return role === "DEALER" ? <NotFound /> : children;
}

export const signalPages: ReactElement[] = [
  <Route key="signals" path="signals" element={page(() => import("./signals/SignalsInbox"), "SignalsInbox")} />,
  <Route key="signal-rules" path="signals/rules" element={page(() => import("./signals/SignalRules"), "SignalRules")} />,
];

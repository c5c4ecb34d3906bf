// The pages of the channel-change signals, for managers and administrators:
// the inbox and the rules (a dealer user gets the page-not-found page, as
// for any page that is not theirs). Each loads on its own the first time
// it is opened.
import { lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { Route } from "react-router";
import { Loading } from "./components/States";

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page: ComponentType = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

export const signalPages: ReactElement[] = [
  <Route key="signals" path="signals" element={page(() => import("./signals/SignalsInbox"), "SignalsInbox")} />,
  <Route key="signal-rules" path="signals/rules" element={page(() => import("./signals/SignalRules"), "SignalRules")} />,
];

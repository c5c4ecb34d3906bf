// The viewer's own pages, for every role: the notification inbox and the
// settings (language, digest hour, channels per kind). Each loads on its
// own the first time it is opened.
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

export const notificationPages: ReactElement[] = [
  <Route key="inbox" path="inbox" element={page(() => import("./notifications/Inbox"), "Inbox")} />,
  <Route key="settings" path="settings" element={page(() => import("./notifications/Settings"), "Settings")} />,
];

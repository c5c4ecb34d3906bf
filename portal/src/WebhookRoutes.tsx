// The pages of what leaves the app, for administrators: the webhook
// endpoints, one endpoint with its delivery log, and the e-mail and push
// sent (anyone else gets the page-not-found page). Each
// loads on its own the first time it is opened.
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

export const webhookPages: ReactElement[] = [
  <Route key="webhooks" path="webhooks" element={page(() => import("./webhooks/Webhooks"), "Webhooks")} />,
  <Route key="webhook" path="webhooks/:id" element={page(() => import("./webhooks/WebhookDetail"), "WebhookDetail")} />,
  <Route key="messages" path="messages" element={page(() => import("./outbound/Messages"), "Messages")} />,
];

// The pages of deal registration and leads: a dealer's registrations and
// leads inbox, or the staff's registration desk and lead board. Each loads
// on its own the first time it is opened.
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

export const dealPages: ReactElement[] = [
  <Route key="deals" path="deals" element={page(() => import("./deals/Deals"), "Deals")} />,
  <Route key="leads" path="leads" element={page(() => import("./deals/Leads"), "Leads")} />,
];

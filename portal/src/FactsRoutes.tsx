// The pages of the appraisal facts: a dealer's stock counts, and the
// staff's surveys, scores, channel costs and market shares. Each loads on
// its own the first time it is opened.
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

export const factPages: ReactElement[] = [
  <Route key="inventory" path="inventory" element={page(() => import("./facts/Inventory"), "Inventory")} />,
  <Route key="facts" path="facts" element={page(() => import("./facts/FactsDesk"), "FactsDesk")} />,
];

// The pages of marketing funds and invoice disputes: a dealer's budgets and
// claims or the claims desk; a dealer's disputes or the disputes desk, and
// the form to dispute an invoice from the statement. Each loads on its own
// the first time it is opened.
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

export const fundPages: ReactElement[] = [
  <Route key="funds" path="funds" element={page(() => import("./funds/Funds"), "Funds")} />,
  <Route key="disputes" path="disputes" element={page(() => import("./disputes/Disputes"), "Disputes")} />,
  <Route key="dispute-new" path="disputes/new" element={page(() => import("./disputes/Disputes"), "RaiseDispute")} />,
];

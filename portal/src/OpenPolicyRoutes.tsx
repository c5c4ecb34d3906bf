// The pages of policies, market information and conflict cases. Each loads
// on its own the first time it is opened, so Home and the catalogue stay small.
import { lazy, Suspense, type ComponentType } from "react";
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

export const openPolicyPages = [
  <Route key="policies" path="policies" element={page(() => import("./pages/Policies"), "Policies")} />,
  <Route key="policy-new" path="policies/new" element={page(() => import("./pages/PolicyEditor"), "PolicyEditor")} />,
  <Route key="policy" path="policies/:id" element={page(() => import("./pages/PolicyDetail"), "PolicyDetail")} />,
  <Route key="policy-amend" path="policies/:id/amend" element={page(() => import("./pages/PolicyEditor"), "PolicyEditor")} />,
  <Route key="market" path="market" element={page(() => import("./pages/Market"), "Market")} />,
  <Route key="conflicts" path="conflicts" element={page(() => import("./pages/Conflicts"), "Conflicts")} />,
  <Route key="conflict-new" path="conflicts/new" element={page(() => import("./pages/ConflictNew"), "ConflictNew")} />,
  <Route key="conflict" path="conflicts/:id" element={page(() => import("./pages/ConflictDetail"), "ConflictDetail")} />,
];

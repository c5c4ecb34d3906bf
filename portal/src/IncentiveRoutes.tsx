// The pages of incentives: quotas, promotions and rebate programs. Each
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

export const incentivePages: ReactElement[] = [
  <Route key="quotas" path="quotas" element={page(() => import("./pages/Quotas"), "Quotas")} />,
  // promotions
  // rebates and "My incentives"
  <Route key="incentives" path="incentives" element={page(() => import("./pages/MyIncentives"), "MyIncentives")} />,
  <Route key="rebates" path="rebates" element={page(() => import("./pages/RebatePrograms"), "RebatePrograms")} />,
  <Route key="rebate-new" path="rebates/new" element={page(() => import("./pages/RebateProgramEditor"), "RebateProgramEditor")} />,
  <Route key="rebate" path="rebates/:id" element={page(() => import("./pages/RebateProgramDetail"), "RebateProgramDetail")} />,
];

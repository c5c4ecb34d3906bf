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
  // Staff: quotas, promotions, rebate programs; dealers: My incentives.
  <Route key="quotas" path="quotas" element={page(() => import("./pages/Quotas"), "Quotas")} />,
  <Route key="promotions" path="promotions" element={page(() => import("./pages/Promotions"), "Promotions")} />,
  <Route key="promotion-new" path="promotions/new" element={page(() => import("./pages/PromotionEditor"), "PromotionEditor")} />,
  <Route key="promotion-edit" path="promotions/:id/edit" element={page(() => import("./pages/PromotionEditor"), "PromotionEditor")} />,
  <Route key="incentives" path="incentives" element={page(() => import("./pages/MyIncentives"), "MyIncentives")} />,
  <Route key="rebates" path="rebates" element={page(() => import("./pages/RebatePrograms"), "RebatePrograms")} />,
  <Route key="rebate-new" path="rebates/new" element={page(() => import("./pages/RebateProgramEditor"), "RebateProgramEditor")} />,
  <Route key="rebate" path="rebates/:id" element={page(() => import("./pages/RebateProgramDetail"), "RebateProgramDetail")} />,
];

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
  <Route key="promotions" path="promotions" element={page(() => import("./pages/Promotions"), "Promotions")} />,
  <Route key="promotion-new" path="promotions/new" element={page(() => import("./pages/PromotionEditor"), "PromotionEditor")} />,
  <Route key="promotion-edit" path="promotions/:id/edit" element={page(() => import("./pages/PromotionEditor"), "PromotionEditor")} />,
  // rebates and "My incentives"
];

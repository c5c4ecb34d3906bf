// The pages of returns: a dealer's returns, or the staff's return desk, and
// one return. Each loads on its own the first time it is opened.
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

export const returnPages: ReactElement[] = [
  <Route key="returns" path="returns" element={page(() => import("./returns/Returns"), "Returns")} />,
  <Route key="return" path="returns/:id" element={page(() => import("./returns/ReturnDetail"), "ReturnDetail")} />,
];

// The pages of agreements: the list (a dealer's own; for staff every one of
// their dealers', those ending soon and the editor), and one agreement.
// Each loads on its own the first time it is opened.
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

export const agreementPages: ReactElement[] = [
  <Route key="agreements" path="agreements" element={page(() => import("./agreements/Agreements"), "Agreements")} />,
  <Route key="agreement" path="agreements/:id" element={page(() => import("./agreements/AgreementDetail"), "AgreementDetail")} />,
];

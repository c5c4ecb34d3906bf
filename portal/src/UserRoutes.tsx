// The user management page (administrators, channel managers, dealer
// administrators) and the signed-out pages of invitation and reset links.
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

export const userPages: ReactElement[] = [
  <Route key="users" path="users" element={page(() => import("./users/Users"), "Users")} />,
];

/** Opened signed out, outside the layout. */
export const publicAccountPages: ReactElement[] = [
  <Route key="invitation" path="/invitation/:token" element={page(() => import("./users/Public"), "AcceptInvitation")} />,
  <Route key="forgot" path="/forgot-password" element={page(() => import("./users/Public"), "ForgotPassword")} />,
  <Route key="reset" path="/reset-password/:token" element={page(() => import("./users/Public"), "ResetPassword")} />,
];

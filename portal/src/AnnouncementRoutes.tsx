// The pages of announcements: every signed-in user has the list (a dealer's
// inbox, staff's list with read counts); staff publish. Each loads on its own
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

export const announcementPages: ReactElement[] = [
  <Route key="announcements" path="announcements" element={page(() => import("./announcements/Announcements"), "Announcements")} />,
  <Route
    key="announcements-new"
    path="announcements/new"
    element={page(() => import("./announcements/AnnouncementPublish"), "AnnouncementPublish")}
  />,
];

// The pages of appraisal: a dealer's own performance; for staff scorecards,
// the channel comparison and trends. Each loads on its own the first time it
// is opened.
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

export const appraisalPages: ReactElement[] = [
  <Route key="performance" path="performance" element={page(() => import("./appraisal/MyPerformance"), "MyPerformance")} />,
  <Route key="scorecards" path="scorecards" element={page(() => import("./appraisal/Scorecards"), "Scorecards")} />,
  <Route key="comparison" path="comparison" element={page(() => import("./appraisal/ChannelComparison"), "ChannelComparison")} />,
  <Route key="trends" path="trends" element={page(() => import("./appraisal/Trends"), "Trends")} />,
];

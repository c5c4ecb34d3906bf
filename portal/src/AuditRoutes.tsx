// The audit trail's page, for administrators (anyone else gets the
// page-not-found page). It loads on its own the first time it is opened.
import { lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { Route } from "react-router";
import { Loading } from "./components/States";

const AuditTrail: ComponentType = lazy(async () => ({ default: (await import("./audit/AuditTrail")).AuditTrail }));

export const auditPages: ReactElement[] = [
  <Route
    key="audit"
    path="audit"
    element={
      <Suspense fallback={<Loading />}>
        <AuditTrail />
      </Suspense>
    }
  />,
];

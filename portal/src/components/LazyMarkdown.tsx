import { lazy, Suspense } from "react";

// The Markdown renderer loads on its own, with the first policy shown.
const Markdown = lazy(() => import("./Markdown"));

/** A policy's Markdown body; its plain text shows until the renderer has loaded. */
export function PolicyBody({ source }: { source: string }) {
  return (
    <Suspense fallback={<div className="markdown pre">{source}</div>}>
      <Markdown source={source} />
    </Suspense>
  );
}

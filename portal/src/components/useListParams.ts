import { useSearchParams } from "react-router";

/**
 * A list page's search and page, kept in the URL (?q=…&after=… or &before=…)
 * so that a list can be bookmarked, shared and reloaded as it is.
 */
export function useListParams(pageSize: number) {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const after = params.get("after");
  const before = params.get("before");
  const variables = {
    q: q || null,
    ...(before ? { last: pageSize, before } : { first: pageSize, after: after ?? null }),
  };
  const search = (next: string) => setParams(next ? { q: next } : {});
  const page = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (q) next.q = q;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };
  return { q, variables, search, page };
}

import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { SearchQuery as SearchData } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { highlightSpans } from "../relationship/highlight";

export const SearchQuery = graphql(`
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      kind
      snippet
      highlights {
        start
        length
      }
      node {
        __typename
        id
        ... on Dealer {
          code
          name
        }
        ... on Contact {
          name
          dealer {
            id
            name
          }
        }
        ... on Interaction {
          kind
          subject
          occurredAt
          dealer {
            id
            name
          }
        }
        ... on ServiceTicket {
          number
          subject
          dealer {
            id
            name
          }
        }
      }
    }
  }
`);

type Hit = SearchData["search"][number];

/** The page a hit opens, and what it is called: contacts and interactions open their dealer. */
export function hitTarget(hit: Hit, ownDealerID: string | null): { to: string; title: string; dealer?: string } {
  const n = hit.node;
  const dealerPath = (id: string) => (id === ownDealerID ? "/" : `/dealers/${encodeURIComponent(id)}`);
  switch (n.__typename) {
    case "Dealer":
      return { to: dealerPath(n.id), title: `${n.name} (${n.code})` };
    case "Contact":
      return { to: dealerPath(n.dealer.id), title: n.name, dealer: n.dealer.name };
    case "Interaction":
      return { to: dealerPath(n.dealer.id), title: n.subject, dealer: n.dealer.name };
    case "ServiceTicket":
      return { to: `/tickets/${encodeURIComponent(n.id)}`, title: `${n.number} ${n.subject}`, dealer: n.dealer.name };
    default:
      return { to: "/", title: hit.snippet };
  }
}

/** The snippet with the matched words marked, as text (a snippet is never HTML). */
export function Snippet({ text, highlights }: { text: string; highlights: { start: number; length: number }[] }) {
  return (
    <p className="snippet">
      {highlightSpans(text, highlights).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </p>
  );
}

const KIND_ORDER = ["DEALER", "CONTACT", "INTERACTION", "TICKET"];

/** The results of the header's search box, labelled and grouped by kind, best first within each. */
export function Search() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = (params.get("q") ?? "").trim();
  usePageTitle(query ? t("search.titleFor", { query }) : t("search.title"));
  const [{ data: viewer }] = useViewer();
  const own = viewer?.me.dealer?.id ?? null;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: SearchQuery,
    variables: { query, first: 20 },
    pause: !query,
  });
  const hits = data?.search ?? [];
  const kinds = KIND_ORDER.filter((k) => hits.some((h) => h.kind === k));

  return (
    <section aria-labelledby="search-title" className="search-results">
      <h1 id="search-title">{query ? t("search.titleFor", { query }) : t("search.title")}</h1>
      {!query ? (
        <p className="lead">{t("search.prompt")}</p>
      ) : fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      ) : hits.length === 0 ? (
        <Empty>{t("search.empty", { query })}</Empty>
      ) : (
        <>
          <p className="count">{t("search.count", { count: hits.length })}</p>
          {kinds.map((kind) => (
            <section key={kind} aria-labelledby={`search-${kind}`}>
              <h2 id={`search-${kind}`}>{t(`searchKind.${kind}`)}</h2>
              <ul className="cards hits">
                {hits
                  .filter((h) => h.kind === kind)
                  .map((h) => {
                    const target = hitTarget(h, own);
                    return (
                      <li key={h.node.id} className="card hit" data-kind={h.kind}>
                        <p className="card-title">
                          <Link to={target.to}>{target.title}</Link>
                          {h.node.__typename === "Interaction" && (
                            <span className="muted"> · {t(`interactionKind.${h.node.kind}`)}</span>
                          )}
                        </p>
                        {target.dealer && <p className="muted">{target.dealer}</p>}
                        <Snippet text={h.snippet} highlights={h.highlights} />
                      </li>
                    );
                  })}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

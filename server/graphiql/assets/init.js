// Starts GraphiQL. Kept out of the HTML so the page works under a
// Content-Security-Policy of script-src 'self'.
(function () {
  'use strict';

  var root = document.getElementById('graphiql');

  // Resolve the endpoint against the page, so host, path prefix and
  // http/https carry over; subscriptions use ws/wss on the same path.
  var url = new URL(root.dataset.endpoint, window.location.href);
  var wsURL = new URL(url.href);
  wsURL.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

  // subscriptionUrl rather than wsClient: GraphiQL then opens its bundled
  // graphql-ws client per subscription with the headers editor's JSON as
  // the connection_init payload, so the same Authorization header works.
  var fetcher = GraphiQL.createFetcher({
    url: url.href,
    subscriptionUrl: wsURL.href,
  });

  // A placeholder token in the headers editor would be sent (and rejected)
  // with every request, schema introspection included, so the hint lives
  // in a query comment instead.
  var defaultQuery = [
    '# To authenticate, open "Headers" below and paste:',
    '#',
    '#   {"Authorization": "Bearer <token>"}',
    '#',
    '# Queries, mutations and subscriptions all send those headers.',
    '# Ctrl-Enter runs, Ctrl-Space completes, the book icon opens the docs.',
    '',
    '{',
    '  __typename',
    '}',
    '',
  ].join('\n');

  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
    })
  );
})();

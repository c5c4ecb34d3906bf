// The npm graphql-ws client against the server, run by
// TestWebsocket_GraphQLWSClient:
//
//   node ws-graphql-ws.mjs <dir with node_modules/graphql-ws> <ws URL> <token> <cursor>
//
// It subscribes to order status changes after the cursor and prints
// "connected" once the server acknowledges. It prints the first event as
// {"event": …}, completes the subscription, then runs a query over the
// same socket and prints {"cursor": …}, and exits 0. Anything else exits
// non-zero, with the reason on stderr.
import { createRequire } from 'node:module';
import path from 'node:path';

const [modules, url, token, after] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modules), 'package.json'));
const { createClient } = require('graphql-ws');
const WebSocket = globalThis.WebSocket ?? require('ws');

const fail = (why) => {
  console.error(why instanceof Error ? why.stack : JSON.stringify(why));
  process.exit(1);
};
setTimeout(() => fail('timed out'), 30_000).unref();

let connected = false;
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
  lazy: false, // one socket throughout, not one per operation
  on: {
    connected: () => {
      if (connected) fail('connected a second time');
      connected = true;
      console.log('connected');
    },
    closed: (e) => {
      if (e?.code !== 1000) fail(`closed: ${e?.code} ${e?.reason}`);
    },
  },
});

try {
  const events = client.iterate({
    query: 'subscription($after: String) { orderStatusChanged(after: $after) { cursor to order { number } } }',
    variables: { after },
  });
  for await (const result of events) {
    if (result.errors) fail(result.errors);
    console.log(JSON.stringify({ event: result.data.orderStatusChanged }));
    break; // sends complete
  }
  for await (const result of client.iterate({ query: '{ eventCursor }' })) {
    if (result.errors) fail(result.errors);
    console.log(JSON.stringify({ cursor: result.data.eventCursor }));
  }
  await client.dispose();
  process.exit(0);
} catch (e) {
  fail(e);
}

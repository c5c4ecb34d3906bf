// Subscribing to order status changes with the npm graphql-ws client (what
// SPAs use), and resuming after a disconnection with the last cursor.
//
//   go run .                      # in another terminal: the demo server
//   cd examples && npm install && node subscribe.mjs
//
// DEALERLINE_URL points elsewhere (default http://localhost:8080). The script
// signs in as two demo users, moves an order as the manufacturer and checks
// that the dealer hears every move, including those made while it was away.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.env.DEALERLINE_URL ?? 'http://localhost:8080';

async function graphql(token, query, variables = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors } = await res.json();
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

const login = async (email) =>
  (await graphql(null, 'mutation($e: String!) { login(email: $e, password: "demo") { token } }', { e: email })).login.token;

// One subscription that survives reconnections: the request object is what
// graphql-ws sends again when it reconnects, so keeping its `after` at the
// last cursor received makes every reconnection resume where it stopped.
function watchOrders(token, after, onEvent) {
  const client = createClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket, // browsers have their own
    connectionParams: () => ({ Authorization: `Bearer ${token}` }),
    retryAttempts: Infinity,
    // 4403: the token was refused or revoked. Sign in again instead.
    shouldRetry: (e) => e?.code !== 4403,
  });
  const request = {
    query: `subscription($after: String) {
      orderStatusChanged(after: $after) { cursor from to at actorName order { number status } }
    }`,
    variables: { after },
  };
  client.subscribe(request, {
    next: ({ data, errors }) => {
      if (errors) return console.error(errors);
      request.variables.after = data.orderStatusChanged.cursor;
      onEvent(data.orderStatusChanged);
    },
    // CURSOR_EXPIRED: the cursor is older than the events kept. Reload the
    // data, then subscribe after a fresh eventCursor.
    error: (err) => console.error('subscription ended:', err),
    complete: () => {},
  });
  return { client, cursor: () => request.variables.after };
}

const admin = await login('admin@demo.test');
const south = await login('south@demo.test');

// Read the data and the cursor in one request: subscribing after that
// cursor misses nothing that happens after the read.
const { eventCursor } = await graphql(south, '{ orders(first: 5) { totalCount } eventCursor }');

const heard = [];
let waiting = null;
const onEvent = (e) => {
  console.log(`south hears ${e.order.number}: ${e.from ?? '(placed)'} → ${e.to} by ${e.actorName} (cursor ${e.cursor})`);
  heard.push(`${e.order.number} ${e.to}`);
  waiting?.();
};
const until = (n) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`heard ${heard.length} events, expected ${n}`)), 10000);
  waiting = () => heard.length >= n && (clearTimeout(timer), resolve());
  waiting();
});

let watch = watchOrders(south, eventCursor, onEvent);

// The manufacturer places an order for South Traders and confirms it.
const { dealers } = await graphql(admin, '{ dealers(where: {code: "D-SOUTH"}) { edges { node { id } } } }');
const { products } = await graphql(admin, '{ products(first: 1, where: {active: true}) { edges { node { id } } } }');
const { placeOrder: order } = await graphql(admin,
  'mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id number } }',
  { in: { dealerID: dealers.edges[0].node.id, lines: [{ productID: products.edges[0].node.id, quantity: 1 }] } });
const move = (to) => graphql(admin,
  'mutation($id: ID!, $to: OrderStatus!) { transitionOrder(id: $id, to: $to) { status } }', { id: order.id, to });
await move('CONFIRMED');
await until(2);

// The dealer goes away; the order moves on meanwhile.
await watch.client.dispose();
console.log(`south disconnects at cursor ${watch.cursor()}`);
await move('IN_FULFILLMENT');

// Back with the last cursor: exactly what was missed, then live events.
watch = watchOrders(south, watch.cursor(), onEvent);
await until(3);
await watch.client.dispose();

const want = [`${order.number} SUBMITTED`, `${order.number} CONFIRMED`, `${order.number} IN_FULFILLMENT`];
if (JSON.stringify(heard) !== JSON.stringify(want)) {
  console.error(`heard ${JSON.stringify(heard)}, want ${JSON.stringify(want)}`);
  process.exit(1);
}
console.log('ok: every move heard once, in order, across a reconnection');

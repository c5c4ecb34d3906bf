import { describe, expect, it } from "vitest";
import src from "../../public/sw.js?raw";

// public/sw.js is served as written; its pure parts are checked here.
function loadWorker(): { isQuery: (doc: string) => boolean } {
  const worker = { addEventListener: () => undefined, location: { origin: "https://portal.example.com" } };
  return new Function("self", `${src}\nreturn { isQuery };`)(worker);
}

describe("the service worker keeps query answers only", () => {
  const { isQuery } = loadWorker();

  it("keeps queries, named or not, with fragments", () => {
    expect(isQuery("{ me { id } }")).toBe(true);
    expect(isQuery("query Catalogue($first: Int) { products(first: $first) { edges { node { id } } } }")).toBe(true);
    expect(isQuery("fragment F on Product { id name }\nquery Q { products { edges { node { ...F } } } }")).toBe(true);
    expect(isQuery('query { search(q: "mutation") { kind } }')).toBe(true);
    expect(isQuery("# mutation in a comment\nquery { me { id } }")).toBe(true);
  });

  it("never keeps mutations or subscriptions", () => {
    expect(isQuery("mutation Logout { logout }")).toBe(false);
    expect(isQuery("mutation{logout}")).toBe(false);
    expect(isQuery("fragment F on Order { id }\nmutation M($id: ID!) { cancelOrder(id: $id) { ...F } }")).toBe(false);
    expect(isQuery("subscription { orderStatusChanged { cursor } }")).toBe(false);
    expect(isQuery("query A { me { id } } mutation B { logout }")).toBe(false);
  });
});

describe("the service worker renews a replaced push subscription", () => {
  it("subscribes again with the old key and tells the open pages", async () => {
    const listeners: Record<string, (e: unknown) => void> = {};
    const subscribed: unknown[] = [];
    const told: unknown[] = [];
    const worker = {
      addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[type] = fn),
      location: { origin: "https://portal.example.com" },
      registration: { pushManager: { subscribe: async (o: unknown) => subscribed.push(o) } },
      clients: { matchAll: async () => [{ postMessage: (m: unknown) => told.push(m) }] },
    };
    new Function("self", src)(worker);
    const key = new Uint8Array([4, 5, 6]).buffer;
    let done: Promise<unknown> = Promise.resolve();
    listeners.pushsubscriptionchange({
      oldSubscription: { options: { applicationServerKey: key } },
      newSubscription: null,
      waitUntil: (p: Promise<unknown>) => (done = p),
    });
    await done;
    expect(subscribed).toEqual([{ userVisibleOnly: true, applicationServerKey: key }]);
    expect(told).toEqual([{ type: "push-subscription-changed" }]);
  });
});

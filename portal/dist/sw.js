// The portal's service worker: it makes the portal open offline with what it
// last loaded, and shows Web Push notifications.
//
// Offline: pages, scripts and styles are fetched from the network first and
// kept; the answers of the portal's GraphQL queries are kept per signed-in
// user (by a hash of the session's token, never the token), so with the
// network off the portal opens and shows each page as it last loaded it.
// Mutations and subscriptions are never kept. Only one user's answers are
// ever kept: the first request of another session deletes the rest, and
// signing out deletes them all (the page asks, see src/pwa/offline.ts).
//
// Hand-written and served from the root unhashed, with no-cache, so a new
// release's worker is picked up on the next load.

const SHELL = "dealerline-shell-v1";
const DATA_PREFIX = "dealerline-data-";
// Hashed assets are kept for offline use up to this many; the oldest go first.
const MAX_ASSETS = 300;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      try {
        // The shell and the assets the page loads first.
        const resp = await fetch("/", { cache: "no-cache" });
        if (resp.ok) {
          const html = await resp.clone().text();
          await cache.put("/", resp);
          const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
          await Promise.all(assets.map((a) => cache.add(a).catch(() => undefined)));
        }
      } catch {
        // Offline while installing: the next load fills the cache.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("dealerline-shell-") && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The push service replaced or expired this device's subscription: make a
// new one with the same key, and tell the open pages, which hand it to the
// server (the worker holds no session of its own; a page opened later
// hands it over at its load).
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    (async () => {
      const key = event.oldSubscription && event.oldSubscription.options.applicationServerKey;
      if (key && !event.newSubscription) {
        try {
          await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
        } catch {
          // Permission withdrawn: nothing to renew.
        }
      }
      for (const c of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
        c.postMessage({ type: "push-subscription-changed" });
      }
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "session-ended") {
    event.waitUntil(clearData());
  }
});

async function clearData(except) {
  for (const name of await caches.keys()) {
    if (name.startsWith(DATA_PREFIX) && name !== except) await caches.delete(name);
  }
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === "/graphql") {
    if (req.method === "POST") event.respondWith(graphql(req, (p) => event.waitUntil(p)));
    return;
  }
  if (req.method !== "GET") return;
  // The server's own pages and endpoints are never the portal's.
  if (/^\/(graphiql|healthz|readyz|metrics|import)(\/|$)/.test(url.pathname)) return;
  if (req.mode === "navigate") {
    event.respondWith(navigation(req));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(req));
  } else {
    event.respondWith(networkFirst(req));
  }
});

// A page: the network's index.html, kept as the shell; offline, the shell,
// whose router shows the page asked for.
async function navigation(req) {
  const cache = await caches.open(SHELL);
  try {
    const resp = await fetch(req);
    if (resp.ok && (resp.headers.get("Content-Type") || "").startsWith("text/html")) {
      await cache.put("/", resp.clone());
    }
    return resp;
  } catch (err) {
    const shell = await cache.match("/");
    if (shell) return shell;
    throw err;
  }
}

// A hashed asset never changes: the kept copy, else the network's, kept.
async function asset(req) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(req);
  if (kept) return kept;
  const resp = await fetch(req);
  if (resp.ok) {
    await cache.put(req, resp.clone());
    await trimAssets(cache);
  }
  return resp;
}

async function trimAssets(cache) {
  const assets = (await cache.keys()).filter((r) => new URL(r.url).pathname.startsWith("/assets/"));
  for (const r of assets.slice(0, Math.max(0, assets.length - MAX_ASSETS))) await cache.delete(r);
}

// Icons, the manifest and other files of the root: the network's, kept.
async function networkFirst(req) {
  const cache = await caches.open(SHELL);
  try {
    const resp = await fetch(req);
    if (resp.ok) await cache.put(req, resp.clone());
    return resp;
  } catch (err) {
    const kept = await cache.match(req);
    if (kept) return kept;
    throw err;
  }
}

// A GraphQL request: a query's answer from the network, kept for its user
// (after it is answered: keeping it never delays the page); offline, the
// kept one. Everything else passes through untouched.
async function graphql(req, later) {
  const auth = req.headers.get("Authorization") || "";
  let body;
  try {
    body = JSON.parse(await req.clone().text());
  } catch {
    return fetch(req);
  }
  if (!auth.startsWith("Bearer ") || !body || typeof body.query !== "string" || !isQuery(body.query)) {
    return fetch(req);
  }
  const user = await sha256(auth.slice("Bearer ".length));
  const cacheName = DATA_PREFIX + user.slice(0, 32);
  // The key names the operation, its variables and the language asked in.
  const key = new Request(
    "/__offline/graphql/" +
      (await sha256(JSON.stringify([body.query, body.variables || {}, req.headers.get("Accept-Language") || ""]))),
  );
  let resp;
  try {
    resp = await fetch(req);
  } catch (err) {
    const cache = await caches.open(cacheName);
    const kept = await cache.match(key);
    if (kept) return kept;
    throw err;
  }
  if (resp.ok) later(keep(cacheName, key, resp.clone()));
  return resp;
}

// keep stores a query's answer if it is whole: a refused or failed query
// would replace the last good one.
async function keep(cacheName, key, resp) {
  const text = await resp.text();
  let ok = false;
  try {
    const parsed = JSON.parse(text);
    ok = !!(parsed && parsed.data && !parsed.errors);
  } catch {
    ok = false;
  }
  if (!ok) return;
  await clearData(cacheName); // another session's answers go
  const cache = await caches.open(cacheName);
  await cache.put(key, new Response(text, { headers: { "Content-Type": "application/json" } }));
}

// isQuery reports whether a GraphQL document's operations are all queries:
// its top-level words (outside braces, strings and comments) name no
// mutation or subscription.
function isQuery(doc) {
  let depth = 0;
  let word = "";
  for (let i = 0; i < doc.length; i++) {
    const c = doc[i];
    if (c === "#") {
      while (i < doc.length && doc[i] !== "\n") i++;
      continue;
    }
    if (c === '"') {
      const block = doc.startsWith('"""', i);
      const end = block ? doc.indexOf('"""', i + 3) : nextQuote(doc, i + 1);
      if (end < 0) return false;
      i = end + (block ? 2 : 0);
      continue;
    }
    if (/[A-Za-z0-9_]/.test(c)) {
      word += c;
      continue;
    }
    if (depth === 0 && (word === "mutation" || word === "subscription")) return false;
    word = "";
    if (c === "{" || c === "(") depth++;
    else if (c === "}" || c === ")") depth--;
  }
  return depth === 0 && word !== "mutation" && word !== "subscription";
}

function nextQuote(doc, i) {
  for (; i < doc.length; i++) {
    if (doc[i] === "\\") i++;
    else if (doc[i] === '"') return i;
  }
  return -1;
}

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// A Web Push message: { title, body, link, tag } (package push).
self.addEventListener("push", (event) => {
  let msg = {};
  if (event.data) {
    try {
      msg = event.data.json();
    } catch {
      msg = { body: event.data.text() };
    }
  }
  event.waitUntil(
    self.registration.showNotification(msg.title || "Dealerline", {
      body: msg.body || "",
      tag: msg.tag || undefined,
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
      data: { link: msg.link || "/" },
    }),
  );
});

// A click opens the portal at the message's link: in a portal window
// already open, else a new one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  let target = new URL("/", self.location.origin);
  try {
    const link = new URL((event.notification.data && event.notification.data.link) || "/", self.location.origin);
    if (link.origin === self.location.origin) target = link;
  } catch {
    // a malformed link opens the portal's start
  }
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).origin !== self.location.origin) continue;
        await client.focus();
        if (client.url !== target.href) {
          try {
            await client.navigate(target.href);
          } catch {
            client.postMessage({ type: "open", link: target.pathname + target.search + target.hash });
          }
        }
        return;
      }
      await self.clients.openWindow(target.href);
    })(),
  );
});

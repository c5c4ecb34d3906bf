import { afterEach, describe, expect, it, vi } from "vitest";
import { gql } from "@urql/core";
import { makeClient, websocketURL } from "./client";

const meQuery = gql`
  query Viewer {
    me {
      id
      name
    }
  }
`;

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const unauthenticated = () =>
  jsonResponse({
    errors: [{ message: "your session has expired; sign in again", extensions: { code: "UNAUTHENTICATED" } }],
    data: null,
  });

/** A websocket that accepts the connection, then refuses connection_init with 4403, as the server does for a bad token. */
class RefusingSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static made: RefusingSocket[] = [];
  readyState = RefusingSocket.CONNECTING;
  protocol = "graphql-transport-ws";
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(
    public url: string,
    public protocols?: string | string[],
  ) {
    RefusingSocket.made.push(this);
    setTimeout(() => {
      this.readyState = RefusingSocket.OPEN;
      this.onopen?.();
    });
  }
  send(data: string) {
    this.sent.push(data);
    if (JSON.parse(data).type === "connection_init") {
      setTimeout(() => this.close(4403, "Forbidden"));
    }
  }
  close(code = 1000, reason = "") {
    if (this.readyState === RefusingSocket.CLOSED) return;
    this.readyState = RefusingSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
  }
}

afterEach(() => {
  RefusingSocket.made = [];
});

describe("makeClient over HTTP", () => {
  it("sends the bearer token", async () => {
    const fetch = vi.fn(async () => jsonResponse({ data: { me: { __typename: "User", id: "1", name: "Huang Min" } } }));
    const { client, dispose } = makeClient({ token: "secret", onSessionEnded: vi.fn(), fetch });
    const result = await client.query(meQuery, {}).toPromise();
    dispose();
    expect(result.data.me.name).toBe("Huang Min");
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(new Headers(init.headers).get("Authorization")).toBe("Bearer secret");
  });

  it("ends the session once on UNAUTHENTICATED", async () => {
    const ended = vi.fn();
    const { client, dispose } = makeClient({ token: "revoked", onSessionEnded: ended, fetch: vi.fn(async () => unauthenticated()) });
    await client.query(meQuery, {}).toPromise();
    await client.query(meQuery, {}, { requestPolicy: "network-only" }).toPromise();
    dispose();
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("has no session to end when signed out (a refused sign-in)", async () => {
    const ended = vi.fn();
    const { client, dispose } = makeClient({ token: null, onSessionEnded: ended, fetch: vi.fn(async () => unauthenticated()) });
    const result = await client.query(meQuery, {}).toPromise();
    dispose();
    expect(result.error?.graphQLErrors[0].message).toContain("sign in again");
    expect(ended).not.toHaveBeenCalled();
  });

  it("keeps the session on other errors", async () => {
    const ended = vi.fn();
    const fetch = vi.fn(async () =>
      jsonResponse({ errors: [{ message: "you are not allowed to do this", extensions: { code: "FORBIDDEN" } }], data: null }),
    );
    const { client, dispose } = makeClient({ token: "secret", onSessionEnded: ended, fetch });
    await client.query(meQuery, {}).toPromise();
    dispose();
    expect(ended).not.toHaveBeenCalled();
  });
});

describe("makeClient over the websocket", () => {
  const subscription = gql`
    subscription {
      orderStatusChanged {
        cursor
      }
    }
  `;

  it("does not connect before the first subscription", async () => {
    const { client, dispose } = makeClient({
      token: "secret",
      onSessionEnded: vi.fn(),
      origin: "http://portal.test",
      webSocketImpl: RefusingSocket,
      fetch: vi.fn(async () => jsonResponse({ data: { me: { __typename: "User", id: "1", name: "x" } } })),
    });
    await client.query(meQuery, {}).toPromise();
    await new Promise((r) => setTimeout(r, 20));
    dispose();
    expect(RefusingSocket.made).toHaveLength(0);
  });

  it("sends the token in connection_init, ends the session on 4403 and does not retry", async () => {
    const ended = vi.fn();
    const { client, dispose } = makeClient({
      token: "revoked",
      onSessionEnded: ended,
      origin: "https://portal.test",
      webSocketImpl: RefusingSocket,
    });
    const result = await new Promise<{ error?: unknown }>((resolve) => {
      client.subscription(subscription, {}).subscribe((r) => {
        if (r.error) resolve(r);
      });
    });
    dispose();
    expect(ended).toHaveBeenCalledTimes(1);
    // Without a retry the subscription fails at once instead of waiting to reconnect.
    expect(result.error).toBeTruthy();
    expect(RefusingSocket.made).toHaveLength(1);
    const socket = RefusingSocket.made[0];
    expect(socket.url).toBe("wss://portal.test/graphql");
    expect(JSON.parse(socket.sent[0])).toEqual({
      type: "connection_init",
      payload: { Authorization: "Bearer revoked" },
    });
  });
});

/**
 * A server that acks, answers each subscribe with one event numbered after
 * the request's `after`, then drops the connection (1001, shutting down).
 */
class DroppingSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static made: DroppingSocket[] = [];
  static subscribed: { after: unknown }[] = [];
  readyState = DroppingSocket.CONNECTING;
  protocol = "graphql-transport-ws";
  onopen: (() => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(public url: string) {
    DroppingSocket.made.push(this);
    setTimeout(() => {
      this.readyState = DroppingSocket.OPEN;
      this.onopen?.();
    });
  }
  send(data: string) {
    const msg = JSON.parse(data);
    if (msg.type === "connection_init") {
      setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: "connection_ack" }) }));
    } else if (msg.type === "subscribe") {
      const after = msg.payload.variables?.after ?? null;
      DroppingSocket.subscribed.push({ after });
      const cursor = String(Number(after ?? 0) + 1);
      setTimeout(() => {
        this.onmessage?.({
          data: JSON.stringify({ id: msg.id, type: "next", payload: { data: { orderStatusChanged: { cursor } } } }),
        });
        setTimeout(() => this.close(1001, "going away"));
      });
    }
  }
  close(code = 1000, reason = "") {
    if (this.readyState === DroppingSocket.CLOSED) return;
    this.readyState = DroppingSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
  }
}

describe("resuming subscriptions", () => {
  it("reconnects after a drop and subscribes again after the last cursor received", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { client, dispose } = makeClient({
      token: "secret",
      onSessionEnded: vi.fn(),
      origin: "http://portal.test",
      webSocketImpl: DroppingSocket,
    });
    const resumable = gql`
      subscription ($after: String) {
        orderStatusChanged(after: $after) {
          cursor
        }
      }
    `;
    const cursors: string[] = [];
    await new Promise<void>((resolve) => {
      client.subscription(resumable, { after: "41" }).subscribe((r) => {
        if (r.data) cursors.push(r.data.orderStatusChanged.cursor);
        if (cursors.length === 3) resolve();
      });
    });
    dispose();
    // Three connections, each resuming after the event the last one delivered.
    expect(DroppingSocket.subscribed.slice(0, 3)).toEqual([{ after: "41" }, { after: "42" }, { after: "43" }]);
    expect(cursors).toEqual(["42", "43", "44"]);
    expect(DroppingSocket.made.length).toBeGreaterThanOrEqual(3);
  }, 10_000);
});

describe("websocketURL", () => {
  it("follows the page's scheme", () => {
    expect(websocketURL("http://localhost:8080")).toBe("ws://localhost:8080/graphql");
    expect(websocketURL("https://dealers.example.com")).toBe("wss://dealers.example.com/graphql");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, waitFor } from "@testing-library/react";
import { Client, Provider, makeResult, type Exchange, type Operation } from "urql";
import { filter, map, pipe } from "wonka";
import { PushResync } from "./PushResync";

/** Records the subscribePush mutations it is sent, answering each. */
function client(sent: unknown[]): Client {
  const answer: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op: Operation) => op.kind === "mutation"),
      map((op: Operation) => {
        sent.push(op.variables);
        return makeResult(op, { data: { subscribePush: { id: "1", endpoint: "e" } } });
      }),
    );
  return new Client({ url: "/graphql", exchanges: [answer] });
}

/** A browser that allows notifications, with a worker holding subscription endpoint. */
function grantedBrowser(endpoint: () => string) {
  const worker = new EventTarget();
  const key = new Uint8Array([1, 2, 3]).buffer;
  const registration = {
    pushManager: { getSubscription: async () => ({ endpoint: endpoint(), getKey: () => key }) },
  };
  Object.assign(worker, { getRegistration: async () => registration });
  vi.stubGlobal("Notification", { permission: "granted" });
  vi.stubGlobal("PushManager", function PushManager() {});
  Object.defineProperty(navigator, "serviceWorker", { value: worker, configurable: true });
  return worker;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the device's push subscription is kept current", () => {
  it("is handed to the server at load and again when the worker says it changed", async () => {
    let endpoint = "https://push.example.com/old";
    const worker = grantedBrowser(() => endpoint);
    const sent: { input: { endpoint: string } }[] = [];
    render(
      <Provider value={client(sent)}>
        <PushResync />
      </Provider>,
    );
    await waitFor(() => expect(sent.map((s) => s.input.endpoint)).toEqual(["https://push.example.com/old"]));
    endpoint = "https://push.example.com/new";
    worker.dispatchEvent(new MessageEvent("message", { data: { type: "push-subscription-changed" } }));
    await waitFor(() => expect(sent.map((s) => s.input.endpoint)).toEqual(["https://push.example.com/old", "https://push.example.com/new"]));
  });

  it("asks nothing of a browser whose person has not allowed notifications", async () => {
    grantedBrowser(() => "https://push.example.com/x");
    vi.stubGlobal("Notification", { permission: "default" });
    const sent: unknown[] = [];
    render(
      <Provider value={client(sent)}>
        <PushResync />
      </Provider>,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([]);
  });
});

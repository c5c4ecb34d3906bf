import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from "@urql/core";
import { delay, filter, map, pipe } from "wonka";
import { fireEvent } from "@testing-library/react";
import i18n from "../i18n";
import { App } from "../App";
import { SessionProvider } from "../auth/SessionProvider";
import { clearEndReason, signedIn } from "../auth/session";

type Handler = (variables: Record<string, unknown>) => { data?: unknown; errors?: unknown[] };

function operationName(op: Operation): string {
  for (const d of op.query.definitions) if (d.kind === "OperationDefinition" && d.name) return d.name.value;
  return "";
}

/**
 * An urql client answering each operation by name, a moment later as a
 * server does; every call's variables are kept.
 */
function mockClient(handlers: Record<string, Handler>, calls: { name: string; variables: Record<string, unknown> }[] = []): Client {
  const answer: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== "teardown"),
      map((op) => {
        const name = operationName(op);
        calls.push({ name, variables: op.variables as Record<string, unknown> });
        const handler = handlers[name];
        if (!handler) return makeErrorResult(op, new Error(`no mock for ${name}`));
        return makeResult(op, handler(op.variables as Record<string, unknown>) as never);
      }),
      delay(1),
    );
  return new Client({ url: "/graphql", exchanges: [answer] });
}

function renderApp(path: string, client: Client) {
  return render(
    <SessionProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </SessionProvider>,
  );
}

const me = (role: string) => ({ me: { __typename: "User", id: "u-" + role, name: "Liu Yang", email: "x@demo.test", role, dealer: null } });
const south = {
  me: {
    __typename: "User",
    id: "u-south",
    name: "Huang Min",
    email: "south@demo.test",
    role: "DEALER",
    dealer: { __typename: "Dealer", id: "d-south", code: "D-SOUTH", name: "South Traders", tier: 2, status: "ACTIVE", creditLimit: "500000.00", paymentTermsDays: 45 },
  },
};
const retail = { id: "c-retail", code: "RETAIL", name: "Retail" };

function sig(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    rule: 3,
    period: "2026-11",
    status: "OPEN",
    subjectKind: "DEALER",
    raisedAt: "2026-12-01T08:00:00Z",
    resolvedAt: null,
    resolvedByName: "",
    withdrawnAt: null,
    withdrawnReason: null,
    resolutionNote: null,
    evidence: { kpi: "DISTRIBUTION_RATE", previous: null, current: 0.35, threshold: 0.4 },
    dealer: { id: "d-south", code: "D-SOUTH", name: "South Traders", channel: retail },
    channel: null,
    territory: null,
    ...over,
  };
}

const page = (nodes: object[]) => ({
  totalCount: nodes.length,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  edges: nodes.map((node) => ({ node })),
});

const inbox = (signals: object[]) => ({
  Signals: () => ({ data: { eventCursor: "10", signals: page(signals) } }),
  OpenSignalsByRule: () => ({ data: { all: { totalCount: signals.length }, r1: { totalCount: 0 }, r3: { totalCount: signals.length } } }),
  SignalChannels: () => ({ data: { channels: { edges: [{ node: retail }] } } }),
  OpenSignalCount: () => ({ data: { eventCursor: "9", signals: { totalCount: signals.length } } }),
});

beforeEach(() => {
  localStorage.clear();
  clearEndReason();
  void i18n.changeLanguage("en");
});

afterEach(cleanup);

describe("signals inbox", () => {
  it("groups open signals by channel with their evidence worded, counts them beside the menu item, and adds one raised live", async () => {
    signedIn("token");
    const territory = sig("s2", {
      rule: 1,
      subjectKind: "TERRITORY",
      dealer: null,
      territory: { id: "t1", code: "EC-YRD", name: "Yangtze River Delta" },
      evidence: { kpi: "MARKET_SHARE", previous: 0.3, current: 0.275, threshold: 0.02 },
    });
    const raised = sig("s3", { rule: 5, evidence: { kpi: "PAYMENT_PERIOD_DAYS", previous: null, current: 52, threshold: 45 } });
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = mockClient(
      {
        Viewer: () => ({ data: me("CHANNEL_MANAGER") }),
        ...inbox([sig("s1"), territory]),
        SignalEvents: () => ({ data: { signalRaised: { cursor: "11", status: "OPEN", at: "2026-12-06T09:00:00Z", signal: raised } } }),
      },
      calls,
    );
    renderApp("/signals", client);
    // The page loads on its own the first time it opens: slow on a busy machine.
    expect(await screen.findByRole("heading", { level: 1, name: "Channel signals" }, { timeout: 20_000 })).toBeTruthy();
    const retailGroup = (await screen.findByRole("heading", { level: 2, name: "Retail" })).closest(".signals-group") as HTMLElement;
    expect(within(retailGroup).getByText("distribution 0.35 < 0.40")).toBeTruthy();
    expect(await within(retailGroup).findByText("payment period 52.0 days > 45 days")).toBeTruthy();
    const terr = screen.getByRole("heading", { level: 2, name: "Territories" }).closest(".signals-group") as HTMLElement;
    expect(within(terr).getByText("share 0.300 → 0.275 (drop ≥ 0.02)")).toBeTruthy();
    expect(within(terr).getByText("Market share falling")).toBeTruthy();
    const row = document.querySelector('tr[data-signal="s1"]') as HTMLElement;
    expect(within(row).getByRole("link", { name: "Scorecard" }).getAttribute("href")).toBe("/scorecards?dealer=d-south&period=2026-11&kpi=DISTRIBUTION_RATE");
    expect(document.querySelector('tr[data-signal="s3"]')?.className).toContain("live-changed");
    expect(document.querySelector("nav [data-open-signals]")?.textContent).toBe("2");
    expect(calls.find((c) => c.name === "Signals")?.variables).toMatchObject({ status: "OPEN" });
    expect(calls.filter((c) => c.name === "SignalEvents").map((c) => c.variables.after)).toEqual(["9", "10"]);
  }, 30_000);

  it("shows a withdrawn signal's reason and a resolved one's note, and refuses resolving without a note", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: me("ADMIN") }),
      ...inbox([
        sig("s1"),
        sig("s2", { status: "WITHDRAWN", withdrawnAt: "2026-12-02T08:00:00Z", withdrawnReason: "a later survey shows 0.50" }),
        sig("s3", { status: "RESOLVED", resolvedAt: "2026-12-03T08:00:00Z", resolvedByName: "Liu Yang", resolutionNote: "Displays added" }),
      ]),
      ResolveSignal: () => ({ errors: [{ message: "not open", extensions: { code: "CONFLICT" } }] }),
    });
    renderApp("/signals?status=ALL", client);
    expect(await screen.findByText("a later survey shows 0.50", undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText("Displays added")).toBeTruthy();
    const row = document.querySelector('tr[data-signal="s1"]') as HTMLElement;
    fireEvent.click(within(row).getByRole("button", { name: "Resolve…" }));
    fireEvent.click(within(row).getByRole("button", { name: "Resolve" }));
    expect(within(row).getByRole("alert").textContent).toBe("Write what was done before resolving.");
    fireEvent.change(within(row).getByLabelText("What was done (required)"), { target: { value: "Called them" } });
    fireEvent.click(within(row).getByRole("button", { name: "Resolve" }));
    expect(await within(row).findByText("This signal is no longer open: it was withdrawn or resolved meanwhile.")).toBeTruthy();
  });

  it("is no page for a dealer user", async () => {
    signedIn("token");
    renderApp("/signals", mockClient({ Viewer: () => ({ data: south }) }));
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" }, { timeout: 8000 })).toBeTruthy();
    expect(document.querySelector('nav a[href="/signals"]')).toBeNull();
  });
});

describe("signal rules", () => {
  const rules = {
    signalRules: [
      {
        rule: 3,
        name: "low terminal distribution rate",
        condition: "distribution rate < 0.40",
        subjects: ["DEALER", "CHANNEL"],
        periodKind: "MONTH",
        wholePeriods: false,
        enabled: true,
        updatedAt: null,
        updatedByName: null,
        thresholds: [{ name: "rate", value: 0.4, unit: "RATIO", default: 0.4, min: 0.0001, max: 1 }],
      },
    ],
  };

  it("lets an administrator change a threshold, its refusal shown next to it", async () => {
    signedIn("token");
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = mockClient(
      {
        Viewer: () => ({ data: me("ADMIN") }),
        OpenSignalCount: () => ({ data: { eventCursor: "1", signals: { totalCount: 0 } } }),
        SignalRules: () => ({ data: rules }),
        UpdateSignalRule: () => ({ errors: [{ message: "rate must be from 0.0001 to 1 ratio", extensions: { code: "INVALID_INPUT", field: "thresholds" } }] }),
      },
      calls,
    );
    renderApp("/signals/rules", client);
    expect(await screen.findByText("The latest survey's distribution rate is under 0.4.", undefined, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText("as soon as the facts say so, in the running month too")).toBeTruthy();
    const input = screen.getByLabelText("Rate (fraction 0–1)") as HTMLInputElement;
    expect(input.max).toBe("1");
    fireEvent.change(input, { target: { value: "1.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const field = input.closest("[data-threshold]") as HTMLElement;
    expect(await within(field).findByText("Out of range, or more decimal places than the unit takes.")).toBeTruthy();
    expect(calls.find((c) => c.name === "UpdateSignalRule")?.variables).toEqual({ rule: 3, input: { enabled: true, thresholds: [{ name: "rate", value: 1.5 }] } });
  });

  it("shows a manager the rules without a form", async () => {
    signedIn("token");
    renderApp(
      "/signals/rules",
      mockClient({
        Viewer: () => ({ data: me("CHANNEL_MANAGER") }),
        OpenSignalCount: () => ({ data: { eventCursor: "1", signals: { totalCount: 0 } } }),
        SignalRules: () => ({ data: rules }),
      }),
    );
    expect(await screen.findByText("Low terminal distribution rate", undefined, { timeout: 8000 })).toBeTruthy();
    expect(document.querySelector(".signal-rule-form")).toBeNull();
    expect(screen.getByText("0.4 fraction 0–1")).toBeTruthy();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from "@urql/core";
import { filter, map, pipe } from "wonka";
import i18n from "../i18n";
import { App } from "../App";
import { SessionProvider } from "../auth/SessionProvider";
import { clearEndReason, signedIn } from "../auth/session";

type Handler = (variables: Record<string, unknown>) => { data?: unknown; errors?: unknown[] };

function operationName(op: Operation): string {
  for (const d of op.query.definitions) if (d.kind === "OperationDefinition" && d.name) return d.name.value;
  return "";
}

/** An urql client answering each operation by name; every call's variables are kept. */
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

const manager = { me: { __typename: "User", id: "u-mgr", name: "Liu Yang", email: "manager@demo.test", role: "CHANNEL_MANAGER", dealer: null } };
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

const conn = (nodes: object[]) => ({ edges: nodes.map((node) => ({ node })) });

const subjects = {
  settings: { today: "2026-12-06" },
  dealers: conn([{ id: "d-south", code: "D-SOUTH", name: "South Traders" }]),
  channels: conn([
    { id: "c-retail", code: "RETAIL", name: "Retail" },
    { id: "c-online", code: "ONLINE", name: "Online" },
  ]),
  territories: conn([]),
};

/** A scorecard: a completion with its numbers, a survey missing, no cost recorded. */
function card(period: string, over: Record<string, unknown> = {}) {
  return {
    period,
    netSales: "1200.00",
    quota: "1500.00",
    costOfGoodsSold: "800.00",
    overdueAmount: "0.00",
    quotaCompletion: 0.8,
    distributionRate: null,
    deliveryTimeMeanDays: 2.5,
    deliveryTimeP90Days: 4,
    averageInventory: null,
    daysOfInventory: null,
    paymentPeriodDays: null,
    outOfStockRate: null,
    grossMargin: 0.3333333,
    serviceResponseMedianHours: null,
    satisfaction: null,
    channelCostRatio: null,
    marketShare: null,
    explain: [
      { kpi: "NET_SALES", numerator: 1200, denominator: null, value: 1200 },
      { kpi: "QUOTA_COMPLETION", numerator: 1200, denominator: 1500, value: 0.8 },
      { kpi: "DISTRIBUTION_RATE", numerator: null, denominator: null, value: null },
      { kpi: "DELIVERY_TIME_MEAN_DAYS", numerator: 5, denominator: 2, value: 2.5 },
      { kpi: "GROSS_MARGIN", numerator: 400, denominator: 1200, value: 0.3333333 },
      { kpi: "CHANNEL_COST_RATIO", numerator: null, denominator: 1200, value: null },
    ],
    ...over,
  };
}

beforeEach(() => {
  localStorage.clear();
  clearEndReason();
  void i18n.changeLanguage("en");
});

afterEach(cleanup);

// The pages load on their own the first time they open, which may take a
// while on a busy machine: the first look at each waits up to 8 s.

describe("scorecards", () => {
  it("shows each KPI as the API gives it, with its formula worded, and null as no data with the reason", async () => {
    signedIn("token");
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = mockClient(
      {
        Viewer: () => ({ data: manager }),
        AppraisalSubjects: () => ({ data: subjects }),
        Scorecard: () => ({ data: { scorecard: { dealer: { id: "d-south", code: "D-SOUTH", name: "South Traders" }, channel: null, territory: null, ...card("2026-12") } } }),
        Trend: () => ({ data: { trend: [{ period: "2026-12", value: 0.8 }] } }),
      },
      calls,
    );
    renderApp("/scorecards", client);
    expect(await screen.findByRole("heading", { level: 2, name: "South Traders, 2026-12" }, { timeout: 8000 })).toBeTruthy();
    // The period defaults to the month of the server's business date.
    expect(calls.find((c) => c.name === "Scorecard")?.variables).toMatchObject({ dealerID: "d-south", period: "2026-12" });
    const row = (kpi: string) => document.querySelector(`tr[data-kpi="${kpi}"]`) as HTMLElement;
    expect(within(row("NET_SALES")).getByText("1,200.00", { selector: ".kpi-value" })).toBeTruthy();
    expect(within(row("QUOTA_COMPLETION")).getByText("Net sales 1,200.00 ÷ quota 1,500.00 = 80%")).toBeTruthy();
    expect(within(row("DELIVERY_TIME_MEAN_DAYS")).getByText("Days from confirmed to delivered, 5 in all ÷ 2 orders = 2.5 days")).toBeTruthy();
    expect(within(row("DISTRIBUTION_RATE")).getByText("No data", { selector: ".kpi-value *" })).toBeTruthy();
    expect(within(row("DISTRIBUTION_RATE")).getByText("No data: no distribution survey in this period.")).toBeTruthy();
    expect(within(row("CHANNEL_COST_RATIO")).getByText("No data: no channel cost recorded in this period.")).toBeTruthy();
    expect(within(row("OVERDUE_AMOUNT")).getByText("0.00", { selector: ".kpi-value" })).toBeTruthy();
    // The trend reaches back twelve months from the period shown.
    expect(calls.find((c) => c.name === "Trend")?.variables).toMatchObject({ dealerID: "d-south", kpi: "QUOTA_COMPLETION", from: "2026-01", to: "2026-12" });
    expect(screen.queryByRole("button", { name: /CSV/ })).toBeNull();
  });

  it("offers a channel's dealer scorecards as CSV, in Chinese too", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: manager }),
      AppraisalSubjects: () => ({ data: subjects }),
      Scorecard: () => ({ data: { scorecard: { dealer: null, channel: { id: "c-retail", code: "RETAIL", name: "Retail" }, territory: null, ...card("2026-Q4") } } }),
      Trend: () => ({ data: { trend: [] } }),
    });
    renderApp("/scorecards?channel=c-retail&period=2026-Q4", client);
    expect(await screen.findByRole("button", { name: "Dealers' scorecards, 2026-Q4 (CSV)" }, { timeout: 8000 })).toBeTruthy();
    await i18n.changeLanguage("zh");
    expect(await screen.findByText("净销售额 1,200.00 ÷ 配额 1,500.00 = 80%")).toBeTruthy();
  });
});

describe("channel comparison", () => {
  it("marks the best and the worst channel of each KPI from the API's ranks", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: manager }),
      AppraisalSubjects: () => ({ data: subjects }),
      ChannelComparison: (vars) => {
        expect(vars).toEqual({ period: "2026-12" });
        return {
          data: {
            channelComparison: [
              { channel: { id: "c-retail", code: "RETAIL", name: "Retail" }, scorecard: card("2026-12"), ranks: [{ kpi: "NET_SALES", rank: 2 }, { kpi: "DISTRIBUTION_RATE", rank: null }] },
              { channel: { id: "c-online", code: "ONLINE", name: "Online" }, scorecard: card("2026-12", { netSales: "9000.00" }), ranks: [{ kpi: "NET_SALES", rank: 1 }, { kpi: "DISTRIBUTION_RATE", rank: null }] },
            ],
          },
        };
      },
    });
    renderApp("/comparison", client);
    expect(await screen.findByRole("heading", { level: 1, name: "Channel comparison" }, { timeout: 8000 })).toBeTruthy();
    const cell = (kpi: string, channel: string) => (found(document.querySelector(`tr[data-kpi="${kpi}"] td[data-channel="${channel}"]`)));
    await screen.findByText("9,000.00", undefined, { timeout: 8000 });
    expect(cell("NET_SALES", "ONLINE").className).toContain("kpi-best");
    expect(cell("NET_SALES", "RETAIL").className).toContain("kpi-worst");
    expect(within(cell("NET_SALES", "ONLINE")).getByText("best")).toBeTruthy();
    expect(cell("DISTRIBUTION_RATE", "ONLINE").className).not.toMatch(/kpi-(best|worst)/);
    expect(screen.getByRole("button", { name: "Channel comparison, 2026-12 (CSV)" })).toBeTruthy();
    expect(screen.getAllByRole("button", { name: /dealers' scorecards, 2026-12 \(CSV\)/ })).toHaveLength(2);
  });
});

/** An element the page must have. */
function found(el: Element | null): HTMLElement {
  if (!el) throw new Error("no such cell");
  return el as HTMLElement;
}

describe("my performance", () => {
  it("shows this month and this year against quota, and each KPI's last twelve months", async () => {
    signedIn("token");
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    const client = mockClient(
      {
        Viewer: () => ({ data: south }),
        BusinessToday: () => ({ data: { settings: { today: "2026-03-31" } } }),
        MyPerformance: () => ({ data: { month: card("2026-03"), year: card("2026", { quotaCompletion: null, quota: "0.00" }) } }),
        Trend: () => ({ data: { trend: [] } }),
      },
      calls,
    );
    renderApp("/performance", client);
    expect(await screen.findByRole("heading", { level: 1, name: "My performance" }, { timeout: 8000 })).toBeTruthy();
    await screen.findAllByText("Net sales 1,200.00 ÷ quota 1,500.00 = 80%", undefined, { timeout: 8000 });
    expect(calls.find((c) => c.name === "MyPerformance")?.variables).toEqual({ dealerID: "d-south", month: "2026-03", year: "2026" });
    const year = document.querySelector('.perf-quota[data-period="2026"] [data-kpi="QUOTA_COMPLETION"]') as HTMLElement;
    expect(within(year).getByText("No data")).toBeTruthy();
    const trends = calls.filter((c) => c.name === "Trend");
    expect(new Set(trends.map((c) => c.variables.kpi)).size).toBe(16);
    expect(trends[0].variables).toMatchObject({ dealerID: "d-south", from: "2025-04", to: "2026-03" });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from "@urql/core";
import { filter, map, pipe } from "wonka";
import i18n from "../i18n";
import { App } from "../App";
import { SessionProvider } from "../auth/SessionProvider";
import { clearEndReason, getToken, signedIn } from "../auth/session";
import { dealerHomeAnswer } from "../home/homeFixture";

type Handler = (variables: Record<string, unknown>) => { data?: unknown; errors?: unknown[] };

function operationName(op: Operation): string {
  for (const d of op.query.definitions) if (d.kind === "OperationDefinition" && d.name) return d.name.value;
  return "";
}

/** An urql client whose every operation is answered by handlers, by operation name. */
function mockClient(handlers: Record<string, Handler>): Client {
  const answer: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== "teardown"),
      map((op) => {
        const handler = handlers[operationName(op)];
        if (!handler) return makeErrorResult(op, new Error(`no mock for ${operationName(op)}`));
        return makeResult(op, handler(op.variables as Record<string, unknown>) as never);
      }),
    );
  return new Client({ url: "/graphql", exchanges: [answer] });
}

function renderApp(path: string, client?: Client) {
  return render(
    <SessionProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </SessionProvider>,
  );
}

const southViewer = {
  me: {
    __typename: "User",
    id: "u-south",
    name: "Huang Min",
    email: "south@demo.test",
    role: "DEALER",
    dealer: {
      __typename: "Dealer",
      id: "d-south",
      code: "D-SOUTH",
      name: "South Traders",
      tier: 2,
      status: "ACTIVE",
      creditLimit: "500000.00",
      paymentTermsDays: 45,
    },
  },
};

const managerViewer = {
  me: { __typename: "User", id: "u-mgr", name: "Liu Yang", email: "manager@demo.test", role: "CHANNEL_MANAGER", dealer: null },
};

const pageInfo = { __typename: "PageInfo", hasNextPage: false, hasPreviousPage: false, startCursor: "a", endCursor: "b" };

beforeEach(() => {
  localStorage.clear();
  clearEndReason();
  void i18n.changeLanguage("en");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Catalogue", () => {
  it("shows each product with the dealer's price today, as the API gives it", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: southViewer }),
      Catalogue: (vars) => {
        expect(vars).toMatchObject({ first: 50, q: null });
        return {
          data: {
            products: {
              totalCount: 2,
              pageInfo,
              edges: [
                {
                  node: {
                    id: "p1",
                    sku: "DR-1801",
                    name: "18V Brushless Drill Driver",
                    category: "Drills & Drivers",
                    listPrice: "1299.00",
                    price: "990.00",
                    promotedPrice: "841.50",
                    availability: { state: "IN_STOCK", available: null, leadTimeDays: null },
                    promotions: [{ __typename: "Promotion", id: "p1", name: "Drill weeks", discountBasisPoints: 1500, minQuantity: null }],
                  },
                },
                {
                  node: {
                    id: "p2",
                    sku: "BC-1840",
                    name: "18V 4.0Ah Battery",
                    category: "Batteries & Chargers",
                    listPrice: "599.00",
                    price: null,
                    promotedPrice: null,
                    availability: { state: "BACKORDER", available: null, leadTimeDays: 14 },
                    promotions: [],
                  },
                },
              ],
            },
          },
        };
      },
    });
    renderApp("/catalogue", client);

    expect(await screen.findByRole("heading", { level: 1, name: "Catalogue" })).toBeTruthy();
    const drill = screen.getByRole("rowheader", { name: "18V Brushless Drill Driver" }).closest("tr")!;
    expect(within(drill).getByText("990.00")).toBeTruthy();
    expect(within(drill).getByText("1,299.00")).toBeTruthy();
    // Under a promotion: the promoted price and the promotion, as the API gives them.
    expect(within(drill).getByText("841.50")).toBeTruthy();
    expect(within(drill).getByText(/Drill weeks · −15 %/)).toBeTruthy();
    const battery = screen.getByRole("rowheader", { name: "18V 4.0Ah Battery" }).closest("tr")!;
    expect(within(battery).getByText("No price today")).toBeTruthy();
    // Availability as the API says, no quantities when it gives none.
    expect(within(drill).getByText("In stock")).toBeTruthy();
    expect(within(battery).getByText("Ships in about 14 days")).toBeTruthy();
    expect(within(battery).getByLabelText("Quantity of 18V 4.0Ah Battery")).toHaveProperty("disabled", true);
    expect(screen.getByText("2 products")).toBeTruthy();
    // Dealer navigation: its own pages by heading, no Dealers.
    const nav = screen.getByRole("navigation", { name: "Main" });
    const groups = within(nav)
      .getAllByRole("list")
      .map((ul) => {
        const heading = document.getElementById(ul.getAttribute("aria-labelledby") ?? "")?.textContent;
        return `${heading}: ${within(ul).getAllByRole("link").map((a) => a.textContent).join(", ")}`;
      });
    expect(groups).toEqual([
      "Overview: Home, Announcements",
      "Ordering: Catalogue, Orders, Returns, Inventory",
      "Account & rewards: Statement, Disputes, My incentives, Marketing funds, My performance",
      "Partnership: Service requests, Agreements, Deals, Leads, Conflicts",
      "Policies & market: Policies, Market",
    ]);
  });

  it("says what went wrong from the error's code and field, not the server's words", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: southViewer }),
      Catalogue: () => ({ errors: [{ message: "page size 500 is over the limit of 100", extensions: { code: "RATE_LIMITED" } }] }),
    });
    renderApp("/catalogue", client);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Too many requests just now. Wait a moment, then try again.");
    expect(alert.textContent).not.toContain("page size");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});

describe("Dealers", () => {
  it("lists dealers with their figures, searches and sorts through the URL on the server", async () => {
    signedIn("token");
    const seen: { search?: string | null; field?: string; direction?: string }[] = [];
    const summary = (id: string, code: string, name: string, tier: number, status: string, overdue: string) => ({
      cursor: id,
      node: {
        salesThisMonth: "1200.00",
        salesThisYear: "45000.00",
        openOrders: 3,
        heldOrders: id === "2" ? 1 : 0,
        overdue,
        lastOrderAt: "2026-12-01T02:00:00Z",
        dealer: { id, code, name, tier, status, channel: { id: "c", name: "Retail", nameZh: "零售" } },
      },
    });
    const client = mockClient({
      Viewer: () => ({ data: managerViewer }),
      DealerStatusCounts: () => ({
        data: {
          active: { totalCount: 9 },
          probation: { totalCount: 2 },
          suspended: { totalCount: 1 },
          terminated: { totalCount: 1 },
        },
      }),
      CockpitOptions: () => ({ data: { channels: { edges: [] }, territories: { edges: [] } } }),
      DealerSummaries: (vars) => {
        const filter = vars.filter as { search?: string | null };
        const orderBy = vars.orderBy as { field: string; direction: string };
        seen.push({ search: filter?.search, field: orderBy?.field, direction: orderBy?.direction });
        const all = [
          summary("1", "D-NORTH", "North Distribution", 1, "ACTIVE", "0.00"),
          summary("2", "D-SOUTH", "South Traders", 2, "PROBATION", "22544.00"),
        ].filter((d) => !filter?.search || d.node.dealer.name.toLowerCase().includes(String(filter.search).toLowerCase()));
        if (orderBy?.field === "OVERDUE" && orderBy.direction === "DESC") all.reverse();
        return {
          data: { dealerSummaries: { totalCount: all.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: all } },
        };
      },
    });
    renderApp("/", client);
    // Staff land on the Dealers list.
    expect(await screen.findByRole("heading", { level: 1, name: "Dealers" })).toBeTruthy();
    expect(await screen.findByRole("link", { name: "North Distribution" })).toBeTruthy();
    expect(screen.getAllByText("Probation").length).toBeGreaterThanOrEqual(2); // the summary, the row (and the filter)
    const statusSummary = screen.getByRole("figure", { name: "Dealers by status" });
    expect(statusSummary.textContent).toContain("Active 9");
    expect(screen.getByText("22,544.00")).toBeTruthy();
    expect(screen.getByText("1 held")).toBeTruthy();

    // Sorting is the server's: the header asks for it, the rows come back in its order.
    await userEvent.click(screen.getByRole("button", { name: "Overdue" }));
    await waitFor(() => expect(seen.at(-1)).toMatchObject({ field: "OVERDUE", direction: "DESC" }));
    await waitFor(() => expect(screen.getAllByRole("row")[1].textContent).toContain("South Traders"));

    await userEvent.type(screen.getByLabelText("Search dealers by name"), "south{Enter}");
    expect(await screen.findByText("1 dealer")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "North Distribution" })).toBeNull();
    expect(seen.at(-1)).toMatchObject({ search: "south", field: "OVERDUE", direction: "DESC" });
  });
});

describe("signing in and out", () => {
  function fakeServer(handlers: Record<string, Handler>) {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      const handler = handlers[body.operationName];
      const result = handler ? handler(body.variables ?? {}) : { errors: [{ message: "unexpected " + body.operationName }] };
      return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetch);
    // The pages' live updates would dial a server that is not there: a
    // socket that never opens keeps them waiting instead.
    vi.stubGlobal(
      "WebSocket",
      class {
        readyState = 0;
        close() {}
        send() {}
      },
    );
    return fetch;
  }

  it("signs in, keeps the token and opens the page asked for", async () => {
    fakeServer({
      Login: (vars) => {
        expect(vars).toEqual({ email: "south@demo.test", password: "demo" });
        return { data: { login: { __typename: "AuthPayload", token: "fresh", expiresAt: "2030-01-01T00:00:00Z" } } };
      },
      Viewer: () => ({ data: southViewer }),
      DealerHome: () => ({ data: dealerHomeAnswer }),
    });
    renderApp("/");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    await userEvent.type(screen.getByLabelText("Email"), "south@demo.test");
    await userEvent.type(screen.getByLabelText("Password"), "demo");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "South Traders" })).toBeTruthy();
    expect(getToken()).toBe("fresh");
    expect(await screen.findByText("500,000.00")).toBeTruthy();
    expect(screen.getByText("45 days")).toBeTruthy();
  });

  it("says why a sign-in was refused, in the reader's language", async () => {
    fakeServer({
      Login: () => ({ errors: [{ message: "wrong email or password", extensions: { code: "UNAUTHENTICATED" } }] }),
    });
    renderApp("/signin");
    await userEvent.type(await screen.findByLabelText("Email"), "south@demo.test");
    await userEvent.type(screen.getByLabelText("Password"), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong email or password.");
    expect(screen.queryByText("Your session has ended. Please sign in again.")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "中文" }));
    expect((await screen.findByRole("alert")).textContent).toBe("电子邮箱或密码错误。");
  });

  it("goes back to sign-in saying the session ended when the token is refused", async () => {
    signedIn("revoked");
    fakeServer({
      Viewer: () => ({ errors: [{ message: "your session has ended; sign in again", extensions: { code: "UNAUTHENTICATED" } }] }),
    });
    renderApp("/catalogue");
    expect(await screen.findByText("Your session has ended. Please sign in again.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(getToken()).toBeNull();
  });

  it("speaks Chinese when chosen", async () => {
    renderApp("/signin");
    await userEvent.click(await screen.findByRole("button", { name: "中文" }));
    expect(await screen.findByRole("heading", { name: "登录" })).toBeTruthy();
    expect(screen.getByLabelText("邮箱")).toBeTruthy();
    expect(screen.getByRole("button", { name: "中文" }).getAttribute("aria-pressed")).toBe("true");
  });
});

describe("search", () => {
  it("labels hits by kind, marks the matched words as text and links to the dealer or ticket", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: managerViewer }),
      Search: (vars) => {
        expect(vars).toEqual({ query: "售后", first: 20 });
        return {
          data: {
            search: [
              {
                kind: "INTERACTION",
                snippet: "<b>客户</b>反映售后响应慢",
                highlights: [{ start: 11, length: 2 }],
                node: {
                  __typename: "Interaction",
                  id: "i1",
                  kind: "VISIT",
                  subject: "季度拜访",
                  occurredAt: "2026-12-01T02:00:00Z",
                  dealer: { id: "d-south", name: "South Traders" },
                },
              },
              {
                kind: "TICKET",
                snippet: "售后配件缺货",
                highlights: [{ start: 0, length: 2 }],
                node: {
                  __typename: "ServiceTicket",
                  id: "t1",
                  number: "ST-000001",
                  subject: "售后配件",
                  dealer: { id: "d-south", name: "South Traders" },
                },
              },
            ],
          },
        };
      },
    });
    renderApp("/search?q=" + encodeURIComponent("售后"), client);
    expect(await screen.findByRole("heading", { level: 1, name: "Results for “售后”" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Interactions" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "季度拜访" }).getAttribute("href")).toBe("/dealers/d-south");
    expect(screen.getByRole("link", { name: "ST-000001 售后配件" }).getAttribute("href")).toBe("/tickets/t1");
    const marks = [...document.querySelectorAll("main mark")].map((m) => m.textContent);
    expect(marks).toEqual(["售后", "售后"]);
    // The snippet's markup stays text.
    expect(document.querySelector("main .snippet b")).toBeNull();
    expect(screen.getByText("<b>客户</b>反映", { exact: false })).toBeTruthy();
    // The header's box holds the query.
    expect((screen.getByLabelText("Search dealers, contacts, notes and tickets") as HTMLInputElement).value).toBe("售后");
  });
});

const ticket = (over: Record<string, unknown>) => ({
  __typename: "ServiceTicket",
  id: "t1",
  number: "ST-000001",
  subject: "Drill arrived damaged",
  body: "Two drills in SO-1 have cracked cases.",
  category: "DELIVERY",
  status: "OPEN",
  openedAt: "2026-12-01T02:00:00Z",
  openedByName: "Huang Min",
  firstResponseAt: null,
  closedAt: null,
  lastActivityAt: "2026-12-01T02:00:00Z",
  replyCount: 0,
  allowedActions: ["REPLIED", "CLOSED"],
  dealer: { id: "d-south", code: "D-SOUTH", name: "South Traders" },
  order: { id: "o1", number: "SO-1" },
  thread: [],
  ...over,
});

describe("service requests", () => {
  it("offers the moves the API allows, and nothing else", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: southViewer }),
      TicketDetail: () => ({
        data: {
          eventCursor: null,
          node: ticket({
            status: "CLOSED",
            allowedActions: ["REOPENED"],
            closedAt: "2026-12-02T02:00:00Z",
            thread: [
              { id: "r1", authorName: "Liu Yang", fromStaff: true, body: "A replacement ships today.", at: "2026-12-01T03:00:00Z" },
            ],
          }),
        },
      }),
    });
    renderApp("/tickets/t1", client);
    expect(await screen.findByRole("heading", { level: 1, name: "Drill arrived damaged" })).toBeTruthy();
    expect(screen.getByText("A replacement ships today.")).toBeTruthy();
    expect(screen.getByText("Closed", { selector: ".badge" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reopen" })).toBeTruthy();
    expect(screen.queryByLabelText("Your reply")).toBeNull();
    expect(screen.queryByRole("button", { name: "Close the request" })).toBeNull();
  });

  it("says what is wrong with a reply from the error's field", async () => {
    signedIn("token");
    const client = mockClient({
      Viewer: () => ({ data: managerViewer }),
      TicketDetail: () => ({ data: { eventCursor: null, node: ticket({}) } }),
      ReplyToTicket: (vars) => {
        expect(vars).toEqual({ id: "t1", body: "x" });
        return { errors: [{ message: "body too long", extensions: { code: "INVALID_INPUT", field: "body" } }] };
      },
    });
    renderApp("/tickets/t1", client);
    await userEvent.type(await screen.findByLabelText("Your reply"), "x");
    expect(screen.getByRole("button", { name: "Close the request" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Send reply" }));
    expect(await screen.findByText("Write your message, in at most 10,000 characters.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "South Traders" })).toBeTruthy();
  });
});

describe("follow-ups", () => {
  it("puts the overdue ones first, as the API marks them", async () => {
    signedIn("token");
    const dealerOf = { id: "d-south", code: "D-SOUTH", name: "South Traders", owner: null, channel: { id: "c", managers: [] } };
    const fu = (id: string, text: string, status: string, dueOn: string) => ({
      id,
      text,
      status,
      dueOn,
      assigneeName: "Liu Yang",
      doneAt: null,
      doneByName: "",
      interaction: { id: "i" + id, kind: "CALL", subject: "Call about " + text },
      dealer: dealerOf,
    });
    const client = mockClient({
      Viewer: () => ({ data: managerViewer }),
      FollowUps: (vars) => {
        expect(vars).toMatchObject({ status: "OPEN", first: 50 });
        return {
          data: {
            myFollowUps: {
              totalCount: 2,
              pageInfo,
              edges: [
                { node: fu("2", "Send the price list", "OPEN", "2026-12-20") },
                { node: fu("1", "Visit the new shop", "OVERDUE", "2026-11-20") },
              ],
            },
          },
        };
      },
    });
    renderApp("/follow-ups", client);
    expect(await screen.findByRole("heading", { level: 1, name: "My follow-ups" })).toBeTruthy();
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(["Overdue", "Open"]);
    const titles = [...document.querySelectorAll("main .card-title")].map((c) => c.firstChild?.textContent);
    expect(titles).toEqual(["Visit the new shop", "Send the price list"]);
    expect(screen.getAllByRole("button", { name: "Mark done" })).toHaveLength(2);
  });
});

describe("dealer page", () => {
  const dealerNode = {
    __typename: "Dealer",
    id: "d-south",
    code: "D-SOUTH",
    name: "South Traders",
    tier: 2,
    status: "ACTIVE",
    creditLimit: "800000.00",
    paymentTermsDays: 60,
    joinedOn: "2020-01-01",
    channel: { id: "c", name: "Retail" },
    parent: null,
    owner: { id: "u-mgr", name: "Liu Yang" },
    territories: [],
    subDealers: [],
    contacts: [{ id: "ct1", name: "Zhang Wei", title: "Buyer", email: "", phone: "", primary: true }],
  };
  const entry = (n: number) => ({
    cursor: "c" + n,
    node: {
      id: "e" + n,
      kind: "ORDER_PLACED",
      at: "2026-12-01T02:00:00Z",
      action: null,
      subject: { __typename: "Order", id: "o" + n, number: "SO-" + n },
    },
  });

  it("reads the timeline page after page, and logs an interaction with a follow-up", async () => {
    signedIn("token");
    const timelineCalls: unknown[] = [];
    const logged: unknown[] = [];
    const client = mockClient({
      Viewer: () => ({ data: managerViewer }),
      Dealer: () => ({ data: { node: dealerNode } }),
      InteractionPeople: () => ({
        data: { node: { id: "d-south", owner: { id: "u-mgr", name: "Liu Yang" }, channel: { id: "c", managers: [{ id: "u-2", name: "Chen Jing" }] } } },
      }),
      DealerTimeline: (vars) => {
        timelineCalls.push(vars.after);
        const first = !vars.after;
        return {
          data: {
            dealers: {
              edges: [
                {
                  node: {
                    id: "d-south",
                    timeline: {
                      totalCount: 3,
                      pageInfo: { hasNextPage: first, endCursor: first ? "c2" : "c3" },
                      edges: first ? [entry(1), entry(2)] : [entry(3)],
                    },
                  },
                },
              ],
            },
          },
        };
      },
      LogInteraction: (vars) => {
        logged.push(vars.input);
        return { errors: [{ message: "no", extensions: { code: "INVALID_INPUT", field: "input.followUp.assigneeID" } }] };
      },
    });
    renderApp("/dealers/d-south", client);
    expect(await screen.findByRole("link", { name: "Order SO-1 placed" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Order SO-2 placed" }).getAttribute("href")).toBe("/orders/o2");
    await userEvent.click(screen.getByRole("button", { name: "Show more" }));
    expect(await screen.findByRole("link", { name: "Order SO-3 placed" })).toBeTruthy();
    expect(screen.getByText("That is all: 3 entries.")).toBeTruthy();
    expect([...new Set(timelineCalls)]).toEqual([null, "c2"]); // the second page starts after the first

    await userEvent.type(screen.getByLabelText("Subject"), "售后回访");
    await userEvent.type(screen.getByLabelText("Notes"), "客户反映售后响应慢");
    await userEvent.click(screen.getByLabelText("Zhang Wei", { exact: false }));
    await userEvent.click(screen.getByLabelText("Set a follow-up"));
    await userEvent.selectOptions(screen.getByLabelText("Assignee"), "Chen Jing");
    await userEvent.type(screen.getByLabelText("What to do"), "Send the policy");
    await userEvent.click(screen.getByRole("button", { name: "Log it" }));
    expect(await screen.findByText("This person cannot see the dealer: choose another.")).toBeTruthy();
    expect(logged).toEqual([
      expect.objectContaining({
        dealerID: "d-south",
        kind: "VISIT",
        subject: "售后回访",
        notes: "客户反映售后响应慢",
        contactIDs: ["ct1"],
        followUp: expect.objectContaining({ assigneeID: "u-2", text: "Send the policy" }),
      }),
    ]);
  });
});

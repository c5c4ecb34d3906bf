import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { Client, makeErrorResult, makeResult, type Exchange, type Operation } from "@urql/core";
import { filter, map, pipe } from "wonka";
import i18n from "../i18n";
import { App } from "../App";
import { SessionProvider } from "../auth/SessionProvider";
import { clearEndReason, getToken, signedIn } from "../auth/session";

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
    const battery = screen.getByRole("rowheader", { name: "18V 4.0Ah Battery" }).closest("tr")!;
    expect(within(battery).getByText("No price today")).toBeTruthy();
    expect(within(battery).getByLabelText("Quantity of 18V 4.0Ah Battery")).toHaveProperty("disabled", true);
    expect(screen.getByText("2 products")).toBeTruthy();
    // Dealer navigation: its own pages, no Dealers.
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual([
      "Home",
      "Catalogue",
      "Orders",
      "Policies",
      "Market",
      "Conflicts",
      "Statement",
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
  it("lists dealers and searches by name through the URL", async () => {
    signedIn("token");
    const seen: unknown[] = [];
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
      Dealers: (vars) => {
        seen.push(vars.q);
        const all = [
          { id: "1", code: "D-NORTH", name: "North Distribution", tier: 1, status: "ACTIVE" },
          { id: "2", code: "D-SOUTH", name: "South Traders", tier: 2, status: "PROBATION" },
        ].filter((d) => !vars.q || d.name.toLowerCase().includes(String(vars.q).toLowerCase()));
        return {
          data: {
            dealers: {
              totalCount: all.length,
              pageInfo,
              edges: all.map((d) => ({ node: { ...d, channel: { id: "c", name: "Retail" }, territories: [] } })),
            },
          },
        };
      },
    });
    renderApp("/", client);
    // Staff land on the Dealers list.
    expect(await screen.findByRole("heading", { level: 1, name: "Dealers" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "North Distribution" })).toBeTruthy();
    expect(screen.getAllByText("Probation")).toHaveLength(2); // the summary and the row
    const summary = screen.getByRole("figure", { name: "Dealers by status" });
    expect(summary.textContent).toContain("Active 9");

    await userEvent.type(screen.getByLabelText("Search dealers by name"), "south{Enter}");
    expect(await screen.findByText("1 dealer")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "North Distribution" })).toBeNull();
    expect(seen).toContain("south");
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
    return fetch;
  }

  it("signs in, keeps the token and opens the page asked for", async () => {
    fakeServer({
      Login: (vars) => {
        expect(vars).toEqual({ email: "south@demo.test", password: "demo" });
        return { data: { login: { __typename: "AuthPayload", token: "fresh", expiresAt: "2030-01-01T00:00:00Z" } } };
      },
      Viewer: () => ({ data: southViewer }),
    });
    renderApp("/");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    await userEvent.type(screen.getByLabelText("Email"), "south@demo.test");
    await userEvent.type(screen.getByLabelText("Password"), "demo");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "South Traders" })).toBeTruthy();
    expect(getToken()).toBe("fresh");
    expect(screen.getByText("500,000.00")).toBeTruthy();
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

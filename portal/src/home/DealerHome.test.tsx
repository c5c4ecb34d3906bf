import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { Client, Provider, makeErrorResult, makeResult, type Exchange, type Operation } from "urql";
import { filter, map, pipe } from "wonka";
import i18n from "../i18n";
import { DealerHome } from "./DealerHome";
import { dealerHomeAnswer } from "./homeFixture";

function name(op: Operation): string {
  for (const d of op.query.definitions) if (d.kind === "OperationDefinition" && d.name) return d.name.value;
  return "";
}

/** Answers the Home's one query; subscriptions stay silent. */
function client(): { client: Client; asked: string[] } {
  const asked: string[] = [];
  const answer: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind === "query"),
      map((op) => {
        asked.push(name(op));
        return name(op) === "DealerHome" ? makeResult(op, { data: dealerHomeAnswer }) : makeErrorResult(op, new Error("no mock"));
      }),
    );
  return { client: new Client({ url: "/graphql", exchanges: [answer] }), asked };
}

function renderHome() {
  const c = client();
  render(
    <Provider value={c.client}>
      <MemoryRouter>
        <DealerHome />
      </MemoryRouter>
    </Provider>,
  );
  return c;
}

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage("en");
});

describe("dealer Home", () => {
  it("draws the API's figures from one request", async () => {
    const { asked } = renderHome();
    const credit = await screen.findByRole("region", { name: "Credit" });
    expect(within(credit).getByText("520,000.00")).toBeTruthy();
    expect(within(credit).getByText("-20,000.00")).toBeTruthy();
    const owed = screen.getByRole("region", { name: "What you owe" });
    expect(owed.querySelector('[data-figure="balance"]')?.textContent).toBe("72,544.00");
    expect(owed.querySelector('[data-figure="overdue"]')?.textContent).toBe("22,544.00");
    // Open orders by status, each a link to the orders list filtered by it.
    const orders = screen.getByRole("region", { name: "Open orders" });
    expect(within(orders).getByRole("link", { name: /Submitted\s*2/ }).getAttribute("href")).toBe("/orders?status=SUBMITTED");
    expect(within(orders).getByRole("link", { name: /Shipped\s*1/ }).getAttribute("href")).toBe("/orders?status=SHIPPED");
    expect(screen.getByText("SH-000007")).toBeTruthy();
    // Pinned first, unread counted; only the policy still to acknowledge.
    expect(screen.getByText("2 unread")).toBeTruthy();
    const titles = [...document.querySelectorAll("[data-announcement]")].map((e) => e.getAttribute("data-announcement"));
    expect(titles).toEqual(["Spring price list", "Warehouse closed on Friday"]);
    expect(screen.getByText("Returns within 30 days")).toBeTruthy();
    expect(screen.queryByText("Code of conduct")).toBeNull();
    expect(screen.getByText("Damaged carton")).toBeTruthy();
    expect(new Set(asked)).toEqual(new Set(["DealerHome"]));
  });

  it("speaks Chinese with the same figures", async () => {
    await i18n.changeLanguage("zh");
    renderHome();
    expect(await screen.findByRole("region", { name: "应付款" })).toBeTruthy();
    expect(screen.getByText("2 条未读")).toBeTruthy();
    expect(screen.getByText("进行中的订单")).toBeTruthy();
  });
});

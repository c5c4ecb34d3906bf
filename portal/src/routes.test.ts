import { describe, expect, it } from "vitest";
import { navFor, navGroupsFor } from "./routes";

describe("navigation", () => {
  it("offers dealers their account statement, and staff not", () => {
    expect(navFor("DEALER").map((n) => n.to)).toContain("/statement");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).not.toContain("/statement");
  });
});

describe("relationship pages", () => {
  it("offers dealers their service requests, and staff their follow-ups and the ticket queue", () => {
    expect(navFor("DEALER").map((n) => n.to)).toContain("/tickets");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/follow-ups");
    expect(navFor("ADMIN").map((n) => n.to)).toEqual(expect.arrayContaining(["/follow-ups", "/tickets"]));
  });
});

describe("incentive pages", () => {
  it("offers dealers their incentives, and staff the rebate programs", () => {
    expect(navFor("DEALER").map((n) => n.to)).toContain("/incentives");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/rebates");
    expect(navFor("ADMIN").map((n) => n.to)).toContain("/rebates");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).not.toContain("/incentives");
  });
});

describe("quotas", () => {
  it("offers staff the quotas page, and dealers not", () => {
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).toContain("/quotas");
    expect(navFor("ADMIN").map((n) => n.to)).toContain("/quotas");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/quotas");
  });
});

describe("appraisal facts", () => {
  it("offers dealers their inventory report, and staff the facts desk", () => {
    expect(navFor("DEALER").map((n) => n.to)).toContain("/inventory");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/facts");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).toContain("/facts");
    expect(navFor("ADMIN").map((n) => n.to)).toContain("/facts");
  });
});

describe("appraisal pages", () => {
  it("offers dealers their performance, and staff scorecards, the channel comparison and trends", () => {
    expect(navFor("DEALER").map((n) => n.to)).toContain("/performance");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/scorecards");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).toEqual(expect.arrayContaining(["/scorecards", "/comparison", "/trends"]));
    expect(navFor("ADMIN").map((n) => n.to)).not.toContain("/performance");
  });
});

describe("signals", () => {
  it("offers staff the signals inbox, and dealers not", () => {
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).toContain("/signals");
    expect(navFor("ADMIN").map((n) => n.to)).toContain("/signals");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/signals");
  });
});

describe("webhooks", () => {
  it("offers administrators the webhooks, and nobody else", () => {
    expect(navFor("ADMIN").map((n) => n.to)).toContain("/webhooks");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).not.toContain("/webhooks");
    expect(navFor("DEALER").map((n) => n.to)).not.toContain("/webhooks");
  });
});

describe("audit trail", () => {
  it("offers the audit trail to administrators only", () => {
    expect(navFor("ADMIN").map((n) => n.to)).toContain("/audit");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).not.toContain("/audit");
    expect(navFor("DEALER", true).map((n) => n.to)).not.toContain("/audit");
  });
});

describe("the menu's headings", () => {
  it.each([
    ["ADMIN", false],
    ["CHANNEL_MANAGER", false],
    ["DEALER", false],
    ["DEALER", true],
  ] as const)("%s (dealer administrator: %s) finds each page once, under a heading", (role, dealerAdmin) => {
    const groups = navGroupsFor(role, dealerAdmin);
    const pages = groups.flatMap((g) => g.items.map((i) => i.to));
    expect(new Set(pages).size).toBe(pages.length);
    for (const g of groups) expect(g.items.length).toBeGreaterThan(0);
    expect(new Set(groups.map((g) => g.label)).size).toBe(groups.length);
  });

  it("keeps webhooks, sent messages and the audit trail to administrators", () => {
    const admin = navGroupsFor("ADMIN").find((g) => g.label === "nav.group.admin")!;
    expect(admin.items.map((i) => i.to)).toEqual(["/users", "/webhooks", "/messages", "/audit"]);
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).not.toContain("/audit");
  });
});

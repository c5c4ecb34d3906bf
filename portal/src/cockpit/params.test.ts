import { describe, expect, it } from "vitest";
import { cockpitVariables, readCockpit, sortBy, writeCockpit } from "./params";

describe("cockpit params", () => {
  it("reads defaults from an empty URL and writes nothing back", () => {
    const c = readCockpit(new URLSearchParams(""));
    expect(c).toMatchObject({ q: "", tier: null, status: null, overdue: false, sort: "CODE", dir: "ASC", after: null });
    expect(writeCockpit(c)).toEqual({});
  });

  it("ignores values it does not know", () => {
    const c = readCockpit(new URLSearchParams("tier=7&status=GONE&sort=DROP&dir=UP"));
    expect(c).toMatchObject({ tier: null, status: null, sort: "CODE", dir: "ASC" });
  });

  it("round-trips a filtered, sorted view", () => {
    const url = "q=south&channel=C1&territory=T2&tier=2&status=ACTIVE&overdue=1&sort=OVERDUE&dir=DESC&after=xyz";
    const c = readCockpit(new URLSearchParams(url));
    expect(new URLSearchParams(writeCockpit(c)).toString()).toBe(url);
    expect(cockpitVariables(c, 20)).toEqual({
      filter: { search: "south", channelID: "C1", territoryID: "T2", tier: 2, status: "ACTIVE", overdueOnly: true },
      orderBy: { field: "OVERDUE", direction: "DESC" },
      first: 20,
      after: "xyz",
    });
  });

  it("sorts figures largest first, flips on a second click, and starts from the first page", () => {
    const c = readCockpit(new URLSearchParams("after=abc"));
    const byOverdue = sortBy(c, "OVERDUE");
    expect(byOverdue).toMatchObject({ sort: "OVERDUE", dir: "DESC", after: null });
    expect(sortBy(byOverdue, "OVERDUE").dir).toBe("ASC");
    expect(sortBy(c, "NAME").dir).toBe("ASC");
  });
});

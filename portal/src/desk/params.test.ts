import { describe, expect, it } from "vitest";
import { deskWhere, readDesk, writeDesk } from "./params";

describe("order desk filters", () => {
  it("reads nothing from an empty URL and filters nothing", () => {
    const f = readDesk(new URLSearchParams(""));
    expect(writeDesk(f)).toEqual({});
    expect(deskWhere(f, "Asia/Shanghai")).toBeNull();
  });

  it("ignores what it does not know", () => {
    const f = readDesk(new URLSearchParams("status=LOST&hold=maybe&from=7%2F12%2F2026"));
    expect(f).toMatchObject({ status: null, hold: null, from: "" });
  });

  it("turns business dates into the instants of the business time zone, the last day included", () => {
    const f = readDesk(new URLSearchParams("status=SUBMITTED&dealer=D1&from=2026-12-01&to=2026-12-07&number=0042&hold=held"));
    expect(deskWhere(f, "Asia/Shanghai")).toEqual({
      status: "SUBMITTED",
      dealerID: "D1",
      numberContainsFold: "0042",
      creditHold: true,
      placedAtGTE: "2026-11-30T16:00:00.000Z",
      placedAtLT: "2026-12-07T16:00:00.000Z",
    });
    expect(deskWhere({ ...f, hold: "clear" }, "UTC")?.creditHold).toBe(false);
  });

  it("keeps the filters with a page in the URL", () => {
    const f = readDesk(new URLSearchParams("number=7&hold=clear"));
    expect(writeDesk(f, { after: "c1" })).toEqual({ number: "7", hold: "clear", after: "c1" });
  });
});

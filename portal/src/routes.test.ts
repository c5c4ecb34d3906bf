import { describe, expect, it } from "vitest";
import { navFor } from "./routes";

describe("navigation", () => {
  it("offers dealers their account statement, and staff not", () => {
    expect(navFor("DEALER").map((n) => n.to)).toContain("/statement");
    expect(navFor("CHANNEL_MANAGER").map((n) => n.to)).not.toContain("/statement");
  });
});

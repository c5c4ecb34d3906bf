import { beforeEach, describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import i18n from "./i18n";
import { describe as say, fieldOf, problemsOf, refusal } from "./errors";

const refused = (code: string, field?: string) =>
  new CombinedError({ graphQLErrors: [{ message: "the server's English", extensions: field ? { code, field } : { code } }] });

beforeEach(() => {
  void i18n.changeLanguage("en");
});

describe("errors", () => {
  it("reads each error's code and field, and a failed request as NETWORK", () => {
    expect(problemsOf(refused("INVALID_INPUT", "lines[2].quantity"))).toEqual([{ code: "INVALID_INPUT", field: "lines[2].quantity" }]);
    expect(problemsOf(new CombinedError({ networkError: new Error("Failed to fetch") }))).toEqual([{ code: "NETWORK", field: "" }]);
    expect(problemsOf(null)).toEqual([]);
  });

  it("names the field and the line it is on", () => {
    expect(fieldOf("lines[2].quantity")).toEqual({ name: "quantity", line: 2 });
    expect(fieldOf("input.lines[0]")).toEqual({ name: "line", line: 0 });
    expect(fieldOf("input.note")).toEqual({ name: "note" });
    expect(fieldOf("input.followUp.dueOn")).toEqual({ name: "followUp.dueOn" });
    expect(fieldOf("input.contactIDs[1]")).toEqual({ name: "contactIDs" });
  });

  it("composes the text from the code and field, never the server's message", () => {
    const t = i18n.t;
    expect(refusal(t, refused("INVALID_INPUT", "lines[2].quantity"))).toBe(
      "Line 3: Enter a whole number from 1 up to the quantity allowed.",
    );
    expect(refusal(t, refused("INVALID_INPUT", "carrier"))).toBe("Enter the carrier, in at most 100 characters.");
    expect(refusal(t, refused("INVALID_INPUT", "somethingNew"))).toBe("Check the value of somethingNew.");
    expect(refusal(t, refused("CONFLICT"))).toBe("Someone changed this meanwhile. Reload to see its current state, then try again.");
    expect(refusal(t, refused("SOMETHING_NEW"))).toBe("Something went wrong. Try again.");
    expect(refusal(t, null)).toBe("");
  });

  it("words a field for its scope first", () => {
    expect(refusal(i18n.t, refused("INVALID_INPUT", "productID"), "market")).toBe("Choose a product.");
    expect(refusal(i18n.t, refused("INVALID_INPUT", "input.competitor"), "market")).toBe(
      "Enter the competitor, in at most 200 characters.",
    );
  });

  it("words a code for its scope first", () => {
    expect(refusal(i18n.t, refused("FORBIDDEN"), "orders.refused")).toBe("You may not make this change.");
    expect(refusal(i18n.t, refused("NOT_FOUND"), "orders.refused")).toBe("This was not found, or you may not see it.");
    expect(refusal(i18n.t, refused("INVALID_INPUT", "input.occurredAt"), "interaction.refused")).toBe(
      "The time cannot be in the future.",
    );
    expect(refusal(i18n.t, refused("INVALID_INPUT", "input.followUp.assigneeID"), "interaction.refused")).toBe(
      "This person cannot see the dealer: choose another.",
    );
  });

  it("speaks Chinese", async () => {
    await i18n.changeLanguage("zh");
    expect(say(i18n.t, { code: "INVALID_INPUT", field: "lines[0].productID" })).toBe(
      "第 1 行：此产品无法订购：已停售、今天没有适用于您的价格，或已在另一行中。",
    );
    expect(say(i18n.t, { code: "NETWORK", field: "" })).toBe("无法连接服务器。请检查网络后重试。");
  });
});

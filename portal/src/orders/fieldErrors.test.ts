import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { errorCode, mapFieldErrors } from "./fieldErrors";

const invalid = (field: string, message: string) => ({ message, extensions: { code: "INVALID_INPUT", field } });

describe("field errors", () => {
  it("puts a line's error on that line and field", () => {
    const err = new CombinedError({
      graphQLErrors: [
        invalid("lines[1].quantity", "the quantity must be between 1 and 10000"),
        invalid("input.lines[0].productID", "unknown or retired product"),
      ],
    });
    expect(mapFieldErrors(err)).toEqual({
      lines: {
        1: { quantity: "the quantity must be between 1 and 10000" },
        0: { productID: "unknown or retired product" },
      },
      fields: {},
      other: [],
    });
  });

  it("keeps other fields and errors apart", () => {
    const err = new CombinedError({
      graphQLErrors: [
        invalid("note", "a note has at most 2000 characters"),
        invalid("lines", "an order needs at least one line"),
        { message: "stale", extensions: { code: "CONFLICT" } },
      ],
    });
    const m = mapFieldErrors(err);
    expect(m.fields).toEqual({ note: "a note has at most 2000 characters", lines: "an order needs at least one line" });
    expect(m.other).toEqual([{ code: "CONFLICT", message: "stale" }]);
    expect(m.lines).toEqual({});
  });

  it("reports a network failure as such", () => {
    const err = new CombinedError({ networkError: new Error("Failed to fetch") });
    expect(mapFieldErrors(err).other).toEqual([{ code: "NETWORK", message: "Failed to fetch" }]);
    expect(errorCode(err)).toBe("NETWORK");
    expect(errorCode(null)).toBe("");
    expect(errorCode(new CombinedError({ graphQLErrors: [{ message: "x", extensions: { code: "CREDIT_HOLD" } }] }))).toBe(
      "CREDIT_HOLD",
    );
  });

  it("is empty without an error", () => {
    expect(mapFieldErrors(undefined)).toEqual({ lines: {}, fields: {}, other: [] });
  });
});

import { describe, expect, it } from "vitest";
import { CombinedError } from "@urql/core";
import { mapFieldErrors } from "./fieldErrors";
import type { Problem } from "../errors";

const invalid = (field: string, message: string) => ({ message, extensions: { code: "INVALID_INPUT", field } });
const say = (p: Problem) => `${p.code}/${p.field}`;

describe("field errors", () => {
  it("puts a line's error on that line and field, in the portal's words", () => {
    const err = new CombinedError({
      graphQLErrors: [
        invalid("lines[1].quantity", "the quantity must be between 1 and 10000"),
        invalid("input.lines[0].productID", "unknown or retired product"),
      ],
    });
    expect(mapFieldErrors(err, say)).toEqual({
      lines: {
        1: { quantity: "INVALID_INPUT/quantity" },
        0: { productID: "INVALID_INPUT/productID" },
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
    const m = mapFieldErrors(err, say);
    expect(m.fields).toEqual({ note: "INVALID_INPUT/note", lines: "INVALID_INPUT/lines" });
    expect(m.other).toEqual([{ code: "CONFLICT", message: "CONFLICT/" }]);
    expect(m.lines).toEqual({});
  });

  it("reports a network failure as such", () => {
    const err = new CombinedError({ networkError: new Error("Failed to fetch") });
    expect(mapFieldErrors(err, say).other).toEqual([{ code: "NETWORK", message: "NETWORK/" }]);
  });

  it("is empty without an error", () => {
    expect(mapFieldErrors(undefined, say)).toEqual({ lines: {}, fields: {}, other: [] });
  });
});

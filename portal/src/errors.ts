// What went wrong, in the reader's language. The server says what kind of
// refusal it is (extensions.code) and, for INVALID_INPUT, which input field
// is at fault (extensions.field, e.g. "lines[2].quantity"); the words are
// composed here from those, never taken from the server's English message.
import type { CombinedError } from "@urql/core";
import type { TFunction } from "i18next";

/** One refusal: its code ("NETWORK" when the request did not get through) and the field at fault, if any. */
export type Problem = { code: string; field: string };

/** The refusals of a result, in order. */
export function problemsOf(error: CombinedError | null | undefined): Problem[] {
  if (!error) return [];
  const out = error.graphQLErrors.map((e) => ({
    code: String(e.extensions?.code ?? ""),
    field: typeof e.extensions?.field === "string" ? e.extensions.field : "",
  }));
  if (!out.length && error.networkError) out.push({ code: "NETWORK", field: "" });
  return out;
}

const LINE_FIELD = /^(?:input\.)?lines\[(\d+)\](?:\.(\w+))?$/;

/**
 * The input field named by extensions.field, without "input.": "note",
 * "lines", a line's "quantity" with its index, or "followUp.dueOn"; an item
 * of a list names the list ("contactIDs[1]" is "contactIDs").
 */
export function fieldOf(field: string): { name: string; line?: number } {
  const m = LINE_FIELD.exec(field);
  if (m) return { name: m[2] ?? "line", line: Number(m[1]) };
  return { name: field.replace(/^input\./, "").replace(/\[\d+\]/g, "") };
}

/**
 * A sentence for one refusal. INVALID_INPUT says what is wrong with the field
 * it names; codes and fields are worded by scope first (e.g. "orders.refused":
 * what a refusal means for an order; "ticket.refused.field.body"), then in
 * general.
 */
export function describe(t: TFunction, p: Problem, scope?: string): string {
  if (p.code === "INVALID_INPUT" && p.field) {
    const { name, line } = fieldOf(p.field);
    const fieldKeys = [`errors.field.${name}`, "errors.field.other"];
    const what = t(scope ? [`${scope}.field.${name}`, ...fieldKeys] : fieldKeys, { field: name });
    return line === undefined ? what : t("errors.onLine", { line: line + 1, what });
  }
  const keys = [`errors.code.${p.code}`, "errors.code.other"];
  return t(scope ? [`${scope}.${p.code}`, ...keys] : keys);
}

/** The sentence for a result's first refusal. */
export function refusal(t: TFunction, error: CombinedError | null | undefined, scope?: string): string {
  const p = problemsOf(error)[0];
  return p ? describe(t, p, scope) : "";
}

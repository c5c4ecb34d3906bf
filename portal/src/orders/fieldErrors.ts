// The server names the input field at fault in extensions.field, e.g.
// "lines[1].quantity" or "note": show each message next to that field.
import type { CombinedError } from "@urql/core";

export type FieldErrors = {
  /** Per order line (by its index in the input): field name → message. */
  lines: Record<number, Record<string, string>>;
  /** Other named fields ("note", "requestedDeliveryDate"): field → message. */
  fields: Record<string, string>;
  /** Errors not tied to a field, with their code. */
  other: { code: string; message: string }[];
};

const LINE_FIELD = /^(?:input\.)?lines\[(\d+)\](?:\.(\w+))?$/;

/** Sorts a refusal's errors by the field they name. */
export function mapFieldErrors(error: CombinedError | null | undefined): FieldErrors {
  const out: FieldErrors = { lines: {}, fields: {}, other: [] };
  if (!error) return out;
  for (const e of error.graphQLErrors) {
    const code = String(e.extensions?.code ?? "");
    const field = typeof e.extensions?.field === "string" ? e.extensions.field : "";
    const m = code === "INVALID_INPUT" ? LINE_FIELD.exec(field) : null;
    if (m) {
      const line = (out.lines[Number(m[1])] ??= {});
      line[m[2] ?? "line"] ??= e.message;
    } else if (code === "INVALID_INPUT" && field) {
      out.fields[field.replace(/^input\./, "")] ??= e.message;
    } else {
      out.other.push({ code, message: e.message });
    }
  }
  if (!error.graphQLErrors.length && error.networkError) {
    out.other.push({ code: "NETWORK", message: error.networkError.message });
  }
  return out;
}

/** The first error code of a result, or "" ("NETWORK" when the request did not get through). */
export function errorCode(error: CombinedError | null | undefined): string {
  if (!error) return "";
  const code = error.graphQLErrors[0]?.extensions?.code;
  if (code) return String(code);
  return error.networkError ? "NETWORK" : "";
}

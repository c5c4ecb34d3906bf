// The server names the input field at fault in extensions.field, e.g.
// "lines[1].quantity" or "note": show each refusal next to that field, in
// the words `say` composes for it (see errors.ts).
import type { CombinedError } from "@urql/core";
import { fieldOf, problemsOf, type Problem } from "../errors";

export type FieldErrors = {
  /** Per order line (by its index in the input): field name → message. */
  lines: Record<number, Record<string, string>>;
  /** Other named fields ("note", "requestedDeliveryDate"): field → message. */
  fields: Record<string, string>;
  /** Errors not tied to a field, with their code. */
  other: { code: string; message: string }[];
};

/** Sorts a refusal's errors by the field they name. */
export function mapFieldErrors(error: CombinedError | null | undefined, say: (p: Problem) => string): FieldErrors {
  const out: FieldErrors = { lines: {}, fields: {}, other: [] };
  for (const p of problemsOf(error)) {
    const field = p.code === "INVALID_INPUT" && p.field ? fieldOf(p.field) : null;
    if (field?.line !== undefined) {
      const line = (out.lines[field.line] ??= {});
      line[field.name] ??= say({ code: p.code, field: field.name });
    } else if (field) {
      out.fields[field.name] ??= say(p);
    } else {
      out.other.push({ code: p.code, message: say(p) });
    }
  }
  return out;
}

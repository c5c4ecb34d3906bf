// Shared parts of the fact forms: a labelled field with the refusal the
// API gave for it, and the refusals that name no field.
import type { CombinedError } from "@urql/core";
import { useTranslation } from "react-i18next";
import { describe, fieldOf, problemsOf } from "../errors";

/** The refusal of one field (a line's field when line is given), worded in the reader's language. */
export function FieldError({ error, name, line }: { error?: CombinedError; name: string; line?: number }) {
  const { t } = useTranslation();
  const p = problemsOf(error).find((p) => {
    const f = fieldOf(p.field);
    return f.name === name && f.line === line;
  });
  return p ? (
    <p className="field-error" role="alert">
      {describe(t, p, "facts")}
    </p>
  ) : null;
}

/** Refusals that name no field of the form (FORBIDDEN, NOT_FOUND of a list item…). */
export function GeneralErrors({ error, fields }: { error?: CombinedError; fields: string[] }) {
  const { t } = useTranslation();
  const rest = problemsOf(error).filter((p) => !p.field || !fields.includes(fieldOf(p.field).name));
  return (
    <>
      {rest.map((p, i) => (
        <p key={i} className="field-error" role="alert">
          {describe(t, p, "facts")}
        </p>
      ))}
    </>
  );
}

export type Change = React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

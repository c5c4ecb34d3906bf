import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { refusal } from "../errors";

export const CloseOrderShortMutation = graphql(`
  mutation CloseOrderShort($id: ID!, $note: String!) {
    closeOrderShort(id: $id, note: $note) {
      id
      status
      version
      canCloseShort
      canShip
      allowedTransitions
      updatedAt
      lines {
        id
        closedQuantity
        backorderedQuantity
        remainingToShip
      }
      history {
        id
        kind
        from
        to
        actorName
        at
        note
      }
    }
  }
`);

/**
 * Closing a partly delivered order short, for staff when the server says
 * it may be (Order.canCloseShort): what is left unshipped is closed, with a
 * note saying why.
 */
export function CloseShortForm({ order, onDone }: { order: { id: string; canCloseShort: boolean }; onDone: () => void }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [state, closeShort] = useMutation(CloseOrderShortMutation);
  if (!order.canCloseShort) return null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (state.fetching) return;
    if (!note.trim()) {
      setProblem(t("orders.noteRequired"));
      return;
    }
    setProblem(null);
    const res = await closeShort({ id: order.id, note: note.trim() });
    if (res.error) {
      setProblem(refusal(t, res.error, "orders.refused"));
      return;
    }
    setNote("");
    onDone();
  };
  return (
    <section aria-labelledby="close-short" className="card close-short">
      <h2 id="close-short">{t("stock.closeShort")}</h2>
      <p className="lead">{t("stock.closeShortIntro")}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor={noteId}>{t("orders.noteWhy")}</label>
        <textarea
          id={noteId}
          value={note}
          rows={2}
          maxLength={2000}
          required
          aria-invalid={!!problem}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit" className="button" disabled={state.fetching} data-action="close-short">
          {state.fetching ? t("orders.sending") : t("stock.closeShort")}
        </button>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}

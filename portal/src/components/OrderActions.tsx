import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import type { OrderStatus } from "../gql/graphql";
import { refusal } from "../errors";

export const TransitionOrderMutation = graphql(`
  mutation TransitionOrder($id: ID!, $to: OrderStatus!, $note: String, $expectedVersion: Int) {
    transitionOrder(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) {
      id
      status
      version
      creditHold
      allowedTransitions
      canReleaseCreditHold
      canShip
      updatedAt
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

export const ReleaseCreditHoldMutation = graphql(`
  mutation ReleaseCreditHold($orderID: ID!, $note: String!) {
    releaseCreditHold(orderID: $orderID, note: $note) {
      id
      status
      version
      creditHold
      allowedTransitions
      canReleaseCreditHold
      canShip
      updatedAt
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

type ActionOrder = {
  id: string;
  number: string;
  version: number;
  creditHold?: boolean;
  allowedTransitions: OrderStatus[];
  canReleaseCreditHold: boolean;
};

type Action = { kind: "move"; to: OrderStatus } | { kind: "release" } | { kind: "held" };

const actionKey = (a: Action) => (a.kind === "move" ? a.to : a.kind);

/**
 * The moves the server says this viewer may make on the order now: releasing
 * its hold first, then each status it may move to. While an order is held and
 * this viewer may release it, the server offers no confirmation; Confirm is
 * then shown disabled ("held"), so that the way to it (the release) is plain.
 */
export function actionsOf(order: ActionOrder): Action[] {
  const moves = order.allowedTransitions.map((to): Action => ({ kind: "move", to }));
  if (!order.canReleaseCreditHold) return moves;
  const held: Action[] = order.creditHold && !order.allowedTransitions.includes("CONFIRMED") ? [{ kind: "held" }] : [];
  return [{ kind: "release" }, ...held, ...moves];
}

/**
 * The buttons for an order's next moves. Choosing one opens a short form for
 * the note (required to release a credit hold), then sends the move with the
 * version shown, so a change made meanwhile by someone else is a CONFLICT
 * rather than overwritten. With releaseInline, the release is left to a
 * ReleaseHoldForm shown beside the hold.
 */
export function OrderActions({ order, releaseInline = false }: { order: ActionOrder; releaseInline?: boolean }) {
  const { t } = useTranslation();
  const noteId = useId();
  const heldId = useId();
  const [chosen, setChosen] = useState<Action | null>(null);
  const [note, setNote] = useState("");
  const [move, transition] = useMutation(TransitionOrderMutation);
  const [release, releaseHold] = useMutation(ReleaseCreditHoldMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const actions = actionsOf(order).filter((a) => !(releaseInline && a.kind === "release"));
  const busy = move.fetching || release.fetching;
  if (!actions.length && !problem) return null;

  const label = (a: Action) => t(`orders.action.${a.kind === "held" ? "CONFIRMED" : actionKey(a)}`);
  const noteRequired = chosen?.kind === "release";
  const held = actions.some((a) => a.kind === "held");

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen || chosen.kind === "held" || busy) return;
    if (noteRequired && !note.trim()) {
      setProblem(t("orders.noteRequired"));
      return;
    }
    setProblem(null);
    const res =
      chosen.kind === "release"
        ? await releaseHold({ orderID: order.id, note: note.trim() })
        : await transition({ id: order.id, to: chosen.to, note: note.trim() || null, expectedVersion: order.version });
    if (res.error) {
      setProblem(refusal(t, res.error, "orders.refused"));
      return;
    }
    setChosen(null);
    setNote("");
  };

  return (
    <div className="order-actions">
      {!chosen && (
        <div className="order-action-buttons" role="group" aria-label={t("orders.actionsFor", { number: order.number })}>
          {actions.map((a) => (
            <button
              key={actionKey(a)}
              type="button"
              className={`button ${(a.kind === "move" && a.to === "CONFIRMED") || a.kind === "held" ? "button-primary" : ""}`}
              data-action={a.kind === "held" ? "CONFIRMED" : actionKey(a)}
              disabled={a.kind === "held"}
              aria-describedby={a.kind === "held" ? heldId : undefined}
              onClick={() => {
                setChosen(a);
                setProblem(null);
              }}
            >
              {label(a)}
            </button>
          ))}
        </div>
      )}
      {!chosen && held && (
        <p id={heldId} className="muted order-held-reason" data-reason="CREDIT_HOLD">
          {t("orders.confirmHeld")}
        </p>
      )}
      {chosen && (
        <form className="order-action-form" onSubmit={submit} aria-label={label(chosen)}>
          <label htmlFor={noteId}>{noteRequired ? t("orders.noteWhy") : t("orders.noteOptional")}</label>
          <textarea id={noteId} value={note} rows={2} maxLength={2000} required={noteRequired} onChange={(e) => setNote(e.target.value)} />
          <p className="muted">{t("orders.atVersion", { version: order.version })}</p>
          <div className="order-action-buttons">
            <button type="submit" className="button button-primary" disabled={busy} data-confirm={actionKey(chosen)}>
              {busy ? t("orders.sending") : label(chosen)}
            </button>
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => setChosen(null)}>
              {t("orders.back")}
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * Releasing an order's credit hold where the hold is shown: the note that
 * says why is required; the server then offers the confirmation.
 */
export function ReleaseHoldForm({ order }: { order: ActionOrder }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [release, releaseHold] = useMutation(ReleaseCreditHoldMutation);
  if (!order.canReleaseCreditHold) return null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (release.fetching) return;
    if (!note.trim()) {
      setProblem(t("orders.noteRequired"));
      return;
    }
    setProblem(null);
    const res = await releaseHold({ orderID: order.id, note: note.trim() });
    if (res.error) {
      setProblem(refusal(t, res.error, "orders.refused"));
      return;
    }
    setNote("");
  };
  return (
    <form className="release-hold" onSubmit={submit} aria-label={t("orders.action.release")} noValidate>
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
      <button type="submit" className="button" disabled={release.fetching} data-action="release-hold">
        {release.fetching ? t("orders.sending") : t("orders.action.release")}
      </button>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

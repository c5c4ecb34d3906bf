import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { ReturnReason } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { describe } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { formatTime } from "../format";
import { OrderReturnableQuery, RequestReturnMutation, RETURN_REASONS, ReturnsQuery } from "./ops";
import { ReturnStatusBadge } from "./Returns";

const SCOPE = "returns.refused";

/**
 * The returns of one order, on its page; and for its own dealer's users,
 * once something was delivered, the form to ask for a return: a quantity
 * per line (at most what may still be returned), a reason and a note.
 */
export function OrderReturns({ orderID, dealerID }: { orderID: string; dealerID: string }) {
  const { t, i18n } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const own = viewer?.me.role === "DEALER" && viewer.me.dealer?.id === dealerID;
  const [{ data: listed }, refetchList] = useQuery({ query: ReturnsQuery, variables: { orderID, first: 50 } });
  const [{ data }, refetchLines] = useQuery({ query: OrderReturnableQuery, variables: { id: orderID }, pause: !own });
  const order = data?.node && "lines" in data.node ? data.node : null;
  const returns = listed?.salesReturns.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const returnable = (order?.lines ?? []).some((l) => l.returnableQuantity > 0) ?? false;
  const [open, setOpen] = useState(false);
  if (!returns.length && !(own && returnable)) return null;

  return (
    <section aria-labelledby="order-returns" className="card order-returns">
      <h2 id="order-returns">{t("returns.ofOrder")}</h2>
      {returns.length > 0 && (
        <ul className="plain-list">
          {returns.map((r) => (
            <li key={r.id} data-return={r.number}>
              <Link to={`/returns/${encodeURIComponent(r.id)}`} className="mono">
                {r.number}
              </Link>{" "}
              <ReturnStatusBadge status={r.status} /> {formatTime(r.requestedAt, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      {own && returnable && order && !open && (
        <button type="button" className="button" data-action="request-return" onClick={() => setOpen(true)}>
          {t("returns.request")}
        </button>
      )}
      {own && order && open && (
        <RequestForm
          orderID={orderID}
          lines={order.lines ?? []}
          onCancel={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            refetchList({ requestPolicy: "network-only" });
            refetchLines({ requestPolicy: "network-only" });
          }}
        />
      )}
    </section>
  );
}

type Line = { id: string; sku: string; productName: string; deliveredQuantity: number; returnableQuantity: number };

function RequestForm({ orderID, lines, onCancel, onDone }: { orderID: string; lines: Line[]; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [qty, setQty] = useState<Record<string, string>>({});
  const [reason, setReason] = useState<ReturnReason>("DAMAGED");
  const [note, setNote] = useState("");
  const [result, request] = useMutation(RequestReturnMutation);
  // The lines sent, in order: the server names a refused one by its index.
  const chosen = lines.filter((l) => Number(qty[l.id] || 0) !== 0);
  const errors = mapFieldErrors(result.error, (p) => describe(t, p, SCOPE));
  const lineError = (lineID: string) => {
    const i = chosen.findIndex((l) => l.id === lineID);
    return i >= 0 ? errors.lines[i]?.quantity || errors.lines[i]?.orderLineID : undefined;
  };

  return (
    <form
      className="form return-request"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await request({
          input: { orderID, reason, note: note || null, lines: chosen.map((l) => ({ orderLineID: l.id, quantity: Number(qty[l.id]) })) },
        });
        if (res.data) {
          onDone();
          navigate(`/returns/${encodeURIComponent(res.data.requestReturn.id)}`);
        }
      }}
    >
      <p className="hint">{t("returns.requestHint")}</p>
      {lines.map((l) => (
        <div className="field" key={l.id}>
          <label htmlFor={`${id}-${l.id}`}>
            {t("returns.lineLabel", { sku: l.sku, name: l.productName, count: l.returnableQuantity })}
          </label>
          <input
            id={`${id}-${l.id}`}
            name={`return-${l.sku}`}
            type="number"
            inputMode="numeric"
            min={0}
            max={l.returnableQuantity}
            disabled={l.returnableQuantity === 0}
            value={qty[l.id] ?? ""}
            placeholder="0"
            onChange={(e) => setQty((cur) => ({ ...cur, [l.id]: e.target.value }))}
          />
          {lineError(l.id) && <p className="field-error">{lineError(l.id)}</p>}
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("returns.reason")}</label>
        <select id={`${id}-reason`} name="reason" value={reason} onChange={(e) => setReason(e.target.value as ReturnReason)}>
          {RETURN_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`returnReason.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("returns.note")}</label>
        <textarea id={`${id}-note`} name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        {errors.fields.note && <p className="field-error">{errors.fields.note}</p>}
      </div>
      {[...(errors.fields.lines ? [errors.fields.lines] : []), ...errors.other.map((o) => o.message)].map((m, i) => (
        <p key={i} className="field-error" role="alert">
          {m}
        </p>
      ))}
      <div className="actions-row">
        <button type="submit" className="button button-primary" data-action="submit-return" disabled={result.fetching || chosen.length === 0}>
          {t("returns.submit")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("returns.cancel")}
        </button>
      </div>
    </form>
  );
}

import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { graphql } from "../gql";
import type { ShipmentFieldsFragment } from "../gql/graphql";
import { refusal } from "../errors";

export const CreateShipmentMutation = graphql(`
  mutation CreateShipment($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      ...ShipmentFields
      order {
        id
        status
        version
        updatedAt
        allowedTransitions
        canReleaseCreditHold
        canShip
        lines {
          id
          remainingToShip
        }
      }
    }
  }
`);

export const RecordDeliveryEventMutation = graphql(`
  mutation RecordDeliveryEvent($input: RecordDeliveryEventInput!) {
    recordDeliveryEvent(input: $input) {
      ...ShipmentFields
      order {
        id
        status
        version
        updatedAt
        allowedTransitions
        canReleaseCreditHold
        canShip
      }
    }
  }
`);

type DeskOrder = {
  id: string;
  number: string;
  canShip: boolean;
  lines?: { id: string; sku: string; productName: string; position: number; remainingToShip: number }[] | null;
};

/** Prepare a shipment of what is left to ship of an order, when the API says the viewer may (canShip). */
export function ShipmentDesk({ order, onCreated }: { order: DeskOrder; onCreated: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [qty, setQty] = useState<Record<string, string>>({});
  const [carrier, setCarrier] = useState("");
  const [tracking, setTracking] = useState("");
  const [eta, setEta] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [result, create] = useMutation(CreateShipmentMutation);
  const lines = [...(order.lines ?? [])].sort((a, b) => a.position - b.position).filter((l) => l.remainingToShip > 0);
  if (!order.canShip || !lines.length) return null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = lines
      .map((l) => ({ orderLineID: l.id, quantity: Number(qty[l.id] ?? l.remainingToShip) }))
      .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
    if (!chosen.length) return setProblem(t("shipment.nothingChosen"));
    if (!carrier.trim()) return setProblem(t("shipment.carrierRequired"));
    setProblem(null);
    const res = await create({
      input: { orderID: order.id, lines: chosen, carrier: carrier.trim(), trackingNumber: tracking.trim() || null, eta: eta || null },
    });
    if (res.error) return setProblem(refusal(t, res.error, "shipment.refused"));
    setOpen(false);
    setQty({});
    setCarrier("");
    setTracking("");
    setEta("");
    onCreated();
  };

  if (!open) {
    return (
      <div className="order-actions">
        <button type="button" className="button" data-action="create-shipment" onClick={() => setOpen(true)}>
          {t("shipment.create")}
        </button>
      </div>
    );
  }
  return (
    <form className="card order-action-form" onSubmit={submit} aria-label={t("shipment.create")}>
      <h2>{t("shipment.create")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("catalogue.product")}</th>
            <th scope="col" className="num">
              {t("shipment.remaining")}
            </th>
            <th scope="col" className="num">
              {t("shipment.toShip")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const left = l.remainingToShip;
            return (
              <tr key={l.id}>
                <th scope="row" data-label={t("catalogue.product")}>
                  <span className="mono">{l.sku}</span> {l.productName}
                </th>
                <td data-label={t("shipment.remaining")} className="num">
                  {left}
                </td>
                <td data-label={t("shipment.toShip")} className="num">
                  <input
                    type="number"
                    min={0}
                    max={left}
                    step={1}
                    inputMode="numeric"
                    aria-label={t("shipment.toShipOf", { name: l.productName })}
                    value={qty[l.id] ?? String(left)}
                    onChange={(e) => setQty({ ...qty, [l.id]: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label htmlFor={`${id}-carrier`}>{t("shipment.carrier")}</label>
      <input id={`${id}-carrier`} required value={carrier} maxLength={200} onChange={(e) => setCarrier(e.target.value)} />
      <label htmlFor={`${id}-tracking`}>{t("shipment.trackingNumber")}</label>
      <input id={`${id}-tracking`} value={tracking} maxLength={200} onChange={(e) => setTracking(e.target.value)} />
      <label htmlFor={`${id}-eta`}>{t("shipment.eta")}</label>
      <input id={`${id}-eta`} type="date" value={eta} onChange={(e) => setEta(e.target.value)} />
      <div className="order-action-buttons">
        <button type="submit" className="button button-primary" disabled={result.fetching}>
          {result.fetching ? t("orders.sending") : t("shipment.create")}
        </button>
        <button type="button" className="button button-quiet" disabled={result.fetching} onClick={() => setOpen(false)}>
          {t("orders.back")}
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Report what happened to a shipment, offering the statuses the API says the viewer may record next. */
export function ShipmentEventForm({ shipment }: { shipment: ShipmentFieldsFragment }) {
  const { t } = useTranslation();
  const id = useId();
  const options = shipment.nextStatuses;
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string>(options[0] ?? "");
  const [location, setLocation] = useState("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [result, record] = useMutation(RecordDeliveryEventMutation);
  if (!options.length) return null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const res = await record({
      input: {
        shipmentID: shipment.id,
        status: options.find((o) => o === status) ?? options[0],
        location: location.trim() || null,
        note: note.trim() || null,
      },
    });
    if (res.error) return setProblem(refusal(t, res.error, "shipment.refused"));
    setOpen(false);
    setLocation("");
    setNote("");
  };

  if (!open) {
    return (
      <div className="order-actions">
        <button type="button" className="button" data-action="record-delivery" onClick={() => { setStatus(options[0]); setOpen(true); }}>
          {t("shipment.record")}
        </button>
      </div>
    );
  }
  return (
    <form className="order-action-form" onSubmit={submit} aria-label={t("shipment.recordFor", { number: shipment.number })}>
      <label htmlFor={`${id}-status`}>{t("shipment.status")}</label>
      <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`shipmentStatus.${o}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-location`}>{t("shipment.location")}</label>
      <input id={`${id}-location`} value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} />
      <label htmlFor={`${id}-note`}>{t("orders.noteOptional")}</label>
      <textarea id={`${id}-note`} rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <div className="order-action-buttons">
        <button type="submit" className="button button-primary" disabled={result.fetching}>
          {result.fetching ? t("orders.sending") : t("shipment.record")}
        </button>
        <button type="button" className="button button-quiet" disabled={result.fetching} onClick={() => setOpen(false)}>
          {t("orders.back")}
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

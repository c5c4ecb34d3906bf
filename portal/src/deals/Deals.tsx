import { useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { DealFieldsFragment, DealStatus } from "../gql/graphql";
import { useViewer } from "../auth/viewer";
import { Pager } from "../components/Pager";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { describe } from "../errors";
import { mapFieldErrors } from "../orders/fieldErrors";
import { formatTime } from "../format";
import { localName } from "../i18n/localName";
import {
  ApproveDealMutation,
  CloseDealMutation,
  DEAL_STATUSES,
  DealFormQuery,
  DealOrdersQuery,
  DealsQuery,
  RegisterDealMutation,
  RejectDealMutation,
} from "./ops";

const PAGE_SIZE = 20;
const SCOPE = "deals.refused";

function isStatus(s: string | null): s is DealStatus {
  return !!s && (DEAL_STATUSES as readonly string[]).includes(s);
}

/**
 * A dealer's deal registrations with their protection, and the form to
 * register one; or the staff's registration desk, opening on those
 * waiting for a decision. Each row offers what the API allows on it.
 */
export function Deals() {
  const { t } = useTranslation();
  const [{ data: viewer }] = useViewer();
  const staff = viewer?.me.role !== "DEALER";
  const title = staff ? t("deals.deskTitle") : t("deals.title");
  usePageTitle(title);
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const chosen = params.get("status");
  const status = isStatus(chosen) ? chosen : null;
  const statuses: DealStatus[] | null = status ? [status] : staff && chosen !== "all" ? ["PENDING"] : null;
  const after = params.get("after");
  const before = params.get("before");
  const variables = { statuses, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after ?? null }) };
  const [{ data, error, fetching }, refetch] = useQuery({ query: DealsQuery, variables });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const deals = data?.dealRegistrations;
  const setPage = (p: { after?: string; before?: string }) => {
    const next: Record<string, string> = {};
    if (chosen) next.status = chosen;
    if (p.after) next.after = p.after;
    if (p.before) next.before = p.before;
    setParams(next);
  };

  return (
    <section aria-labelledby="deals-title" className="deals">
      <div className="page-head">
        <h1 id="deals-title">{title}</h1>
      </div>
      <p className="lead">{staff ? t("deals.deskIntro") : t("deals.intro")}</p>
      {viewer && !staff && <RegisterDeal onDone={reload} />}
      <div className="filter">
        <label htmlFor={filterId}>{t("deals.filterStatus")}</label>
        <select
          id={filterId}
          value={status ?? (staff && chosen !== "all" ? "" : "all")}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          {staff && <option value="">{t("deals.waiting")}</option>}
          <option value="all">{t("deals.allStatuses")}</option>
          {DEAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`deals.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {fetching && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : !deals || deals.totalCount === 0 ? (
        <Empty>{staff ? t("deals.deskEmpty") : t("deals.empty")}</Empty>
      ) : (
        <>
          <p className="count">{t("deals.count", { count: deals.totalCount })}</p>
          <ul className="cards deal-list">
            {deals.edges?.map((e) => e?.node && <DealCard key={e.node.id} d={e.node} staff={staff} onDone={reload} />)}
          </ul>
          <Pager pageInfo={deals.pageInfo} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function DealStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-deal-${status.toLowerCase()}`} data-deal-status={status}>
      {t(`deals.status.${status}`)}
    </span>
  );
}

/** One registration: its customer, products, protection and what may be done with it. */
function DealCard({ d, staff, onDone }: { d: DealFieldsFragment; staff: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card deal" data-deal={d.number} data-status={d.status}>
      <p className="card-title">
        <strong className="deal-customer">{d.customerName}</strong> <span className="mono">{d.number}</span>{" "}
        <DealStatusBadge status={d.status} />
        {d.protected && (
          <span className="badge badge-protected" data-protected="true">
            {t("deals.protectedUntil", { date: d.protectedUntil })}
          </span>
        )}
      </p>
      <dl className="facts">
        {staff && (
          <div>
            <dt>{t("deals.dealer")}</dt>
            <dd>
              <Link to={`/dealers/${encodeURIComponent(d.dealer.id)}`}>{d.dealer.name}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("deals.territory")}</dt>
          <dd>
            {localName(d.territory, i18n.language)}
            {d.city && ` · ${d.city}`}
          </dd>
        </div>
        <div>
          <dt>{t("deals.expectedCloseOn")}</dt>
          <dd>{d.expectedCloseOn}</dd>
        </div>
        <div>
          <dt>{t("deals.products")}</dt>
          <dd>{(d.lines ?? []).map((l) => `${l.sku} × ${l.quantity}`).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("deals.registered")}</dt>
          <dd>
            {formatTime(d.registeredAt, i18n.language)} · {d.registeredByName}
          </dd>
        </div>
        {d.notes && (
          <div>
            <dt>{t("deals.notes")}</dt>
            <dd className="pre">{d.notes}</dd>
          </div>
        )}
        {d.decisionNote && (
          <div>
            <dt>{d.status === "REJECTED" ? t("deals.rejectReason") : t("deals.decisionNote")}</dt>
            <dd className="pre" data-field="decision">
              {d.decisionNote}
            </dd>
          </div>
        )}
        {d.orders.length > 0 && (
          <div>
            <dt>{t("deals.orders")}</dt>
            <dd>
              {d.orders.map((o) => (
                <Link key={o.id} to={`/orders/${encodeURIComponent(o.id)}`} className="mono">
                  {o.number}{" "}
                </Link>
              ))}
            </dd>
          </div>
        )}
        {d.conflictCase && (
          <div>
            <dt>{t("deals.conflictCase")}</dt>
            <dd>
              <Link to={`/conflicts/${encodeURIComponent(d.conflictCase.id)}`} className="mono" data-case={d.conflictCase.number}>
                {d.conflictCase.number}
              </Link>
            </dd>
          </div>
        )}
      </dl>
      {(d.allowedActions.includes("APPROVE") || d.allowedActions.includes("REJECT")) && <DecideDeal d={d} onDone={onDone} />}
      {(d.allowedActions.includes("WIN") || d.allowedActions.includes("LOSE")) && <CloseDeal d={d} onDone={onDone} />}
    </li>
  );
}

/** Staff: approve with a protection period, or reject with a reason. */
function DecideDeal({ d, onDone }: { d: DealFieldsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [days, setDays] = useState("90");
  const [note, setNote] = useState("");
  const [approving, approve] = useMutation(ApproveDealMutation);
  const [rejecting, reject] = useMutation(RejectDealMutation);
  const error = approving.error ?? rejecting.error;
  const errors = mapFieldErrors(error, (p) => describe(t, p, SCOPE));
  const busy = approving.fetching || rejecting.fetching;
  return (
    <form className="form deal-decide" noValidate onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-days`}>{t("deals.protectionDays")}</label>
        <input id={`${id}-days`} name="protectionDays" type="number" inputMode="numeric" min={1} max={730} value={days} onChange={(e) => setDays(e.target.value)} />
        {errors.fields.protectionDays && <p className="field-error">{errors.fields.protectionDays}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("deals.decisionLabel")}</label>
        <textarea id={`${id}-note`} name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        {(errors.fields.reason ?? errors.fields.note) && <p className="field-error">{errors.fields.reason ?? errors.fields.note}</p>}
      </div>
      {errors.other.map((o, i) => (
        <p key={i} className="field-error" role="alert">
          {o.message}
        </p>
      ))}
      <div className="actions-row">
        <button
          type="button"
          className="button button-primary"
          data-action="approve"
          disabled={busy}
          onClick={() =>
            void approve({ id: d.id, protectionDays: Number(days), note: note || null, expectedVersion: d.version }).then((r) => r.data && onDone())
          }
        >
          {t("deals.approve")}
        </button>
        <button
          type="button"
          className="button"
          data-action="reject"
          disabled={busy}
          onClick={() => void reject({ id: d.id, reason: note, expectedVersion: d.version }).then((r) => r.data && onDone())}
        >
          {t("deals.reject")}
        </button>
      </div>
    </form>
  );
}

/** The dealer (or staff): WON with the orders that fulfilled it, or LOST. */
function CloseDeal({ d, onDone }: { d: DealFieldsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [{ data }] = useQuery({ query: DealOrdersQuery, pause: !open });
  const [closing, close] = useMutation(CloseDealMutation);
  const errors = mapFieldErrors(closing.error, (p) => describe(t, p, SCOPE));
  if (!open)
    return (
      <p className="actions-row">
        <button type="button" className="button" data-action="outcome" onClick={() => setOpen(true)}>
          {t("deals.reportOutcome")}
        </button>
      </p>
    );
  const send = (outcome: DealStatus) =>
    void close({ id: d.id, outcome, orderIDs: outcome === "WON" ? picked : null, note: note || null, expectedVersion: d.version }).then(
      (r) => r.data && onDone(),
    );
  return (
    <form className="form deal-close" noValidate onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t("deals.wonOrders")}</legend>
        {(data?.orders.edges ?? []).map(
          (e) =>
            e?.node &&
            e.node.status !== "REJECTED" &&
            e.node.status !== "CANCELLED" && (
              <label key={e.node.id} className="check">
                <input
                  type="checkbox"
                  checked={picked.includes(e.node.id)}
                  onChange={(ev) => setPicked((cur) => (ev.target.checked ? [...cur, e.node!.id] : cur.filter((x) => x !== e.node!.id)))}
                />{" "}
                <span className="mono">{e.node.number}</span>
              </label>
            ),
        )}
        {errors.fields.orderIDs && <p className="field-error">{errors.fields.orderIDs}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("deals.outcomeNote")}</label>
        <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {errors.other.map((o, i) => (
        <p key={i} className="field-error" role="alert">
          {o.message}
        </p>
      ))}
      <div className="actions-row">
        {d.allowedActions.includes("WIN") && (
          <button type="button" className="button button-primary" data-action="win" disabled={closing.fetching} onClick={() => send("WON")}>
            {t("deals.won")}
          </button>
        )}
        {d.allowedActions.includes("LOSE") && (
          <button type="button" className="button" data-action="lose" disabled={closing.fetching} onClick={() => send("LOST")}>
            {t("deals.lost")}
          </button>
        )}
      </div>
    </form>
  );
}

/** A dealer user registers a customer's project in one of its dealer's territories. */
function RegisterDeal({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [{ data }] = useQuery({ query: DealFormQuery });
  const [customer, setCustomer] = useState("");
  const [city, setCity] = useState("");
  const [territory, setTerritory] = useState("");
  const [product, setProduct] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [closeOn, setCloseOn] = useState("");
  const [notes, setNotes] = useState("");
  const [saved, setSaved] = useState("");
  const [registering, register] = useMutation(RegisterDealMutation);
  const errors = mapFieldErrors(registering.error, (p) => describe(t, p, SCOPE));
  const territories = data?.me.dealer?.territories ?? [];
  const products = (data?.products.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const chosenTerritory = territory || territories[0]?.id || "";
  const chosenProduct = product || products[0]?.id || "";
  return (
    <section aria-labelledby={`${id}-title`} className="card deal-register">
      <h2 id={`${id}-title`}>{t("deals.registerTitle")}</h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved("");
          void register({
            input: {
              customerName: customer,
              city: city || null,
              territoryID: chosenTerritory,
              lines: [{ productID: chosenProduct, quantity: Number(quantity) }],
              expectedCloseOn: closeOn,
              notes: notes || null,
            },
          }).then((r) => {
            if (r.data) {
              setSaved(t("deals.registered_ok", { number: r.data.registerDeal.number }));
              setCustomer("");
              setNotes("");
              onDone();
            }
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-customer`}>{t("deals.customerName")}</label>
          <input id={`${id}-customer`} name="customerName" value={customer} onChange={(e) => setCustomer(e.target.value)} />
          {errors.fields.customerName && <p className="field-error">{errors.fields.customerName}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-city`}>{t("deals.city")}</label>
          <input id={`${id}-city`} name="city" value={city} onChange={(e) => setCity(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-territory`}>{t("deals.territory")}</label>
          <select id={`${id}-territory`} name="territoryID" value={chosenTerritory} onChange={(e) => setTerritory(e.target.value)}>
            {territories.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {localName(tr, i18n.language)}
              </option>
            ))}
          </select>
          {errors.fields.territoryID && <p className="field-error">{errors.fields.territoryID}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-product`}>{t("deals.product")}</label>
          <select id={`${id}-product`} name="productID" value={chosenProduct} onChange={(e) => setProduct(e.target.value)}>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.sku} {localName(p, i18n.language)}
              </option>
            ))}
          </select>
          {errors.lines[0]?.productID && <p className="field-error">{errors.lines[0].productID}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-quantity`}>{t("deals.quantity")}</label>
          <input id={`${id}-quantity`} name="quantity" type="number" inputMode="numeric" min={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          {errors.lines[0]?.quantity && <p className="field-error">{errors.lines[0].quantity}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-close`}>{t("deals.expectedCloseOn")}</label>
          <input id={`${id}-close`} name="expectedCloseOn" type="date" value={closeOn} onChange={(e) => setCloseOn(e.target.value)} />
          {errors.fields.expectedCloseOn && <p className="field-error">{errors.fields.expectedCloseOn}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t("deals.notes")}</label>
          <textarea id={`${id}-notes`} name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        {errors.other.map((o, i) => (
          <p key={i} className="field-error" role="alert" data-refusal={o.code}>
            {o.message}
          </p>
        ))}
        {saved && (
          <p role="status" className="state-ok">
            {saved}
          </p>
        )}
        <div className="actions-row">
          <button type="submit" className="button button-primary" data-action="register" disabled={registering.fetching}>
            {t("deals.register")}
          </button>
        </div>
      </form>
    </section>
  );
}

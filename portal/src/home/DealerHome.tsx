import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../gql";
import type { DealerHomeQuery } from "../gql/graphql";
import { AgeingBar, CreditGauge } from "../components/Credit";
import { AcknowledgeButton } from "../components/AcknowledgeButton";
import { OrderStatusBadge } from "../components/OrderBadges";
import { ErrorMessage, Loading } from "../components/States";
import { QuotaCard } from "../incentive/QuotaCard";
import { RebateStatusCard } from "../incentive/RebateStatusCard";
import { useOrderEvents } from "../live/useOrderEvents";
import { useAnnouncementEvents, type AnnouncementEvent } from "../live/useAnnouncementEvents";
import { isCursorExpired } from "../live/cursor";
import { formatMoney, formatTime, formatDate } from "../format";

// Everything the dealer's start page shows, in one request. eventCursor is
// read with it: the live events after it refresh the figures.
export const DealerHomeQueryDoc = graphql(`
  query DealerHome {
    eventCursor
    me {
      id
      dealer {
        id
        creditLimit
        creditExposure
        availableCredit
        balance
        ageing {
          at
          notYetDue
          overdue1To30
          overdue31To60
          overdue61To90
          overdueOver90
          overdue
        }
        openOrders {
          status
          count
        }
        quotaProgress {
          ...QuotaFields
        }
        rebates {
          ...RebateStatusFields
        }
      }
    }
    shipments(first: 4, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges {
        node {
          id
          number
          status
          carrier
          eta
          shippedAt
          deliveredAt
          order {
            id
            number
          }
        }
      }
    }
    pinned: announcements(first: 3, where: { pinned: true }) {
      edges {
        node {
          id
          title
          category
          publishedAt
          readAt
        }
      }
    }
    unread: announcements(unreadOnly: true, first: 3) {
      totalCount
      edges {
        node {
          id
          title
          category
          pinned
          publishedAt
        }
      }
    }
    toAcknowledge: policies(first: 20) {
      edges {
        node {
          id
          kind
          title
          version
          effectiveFrom
          needsAcknowledgement
        }
      }
    }
    openTickets: serviceTickets(status: OPEN, first: 3) {
      totalCount
      edges {
        node {
          id
          subject
          status
          lastActivityAt
        }
      }
    }
    answeredTickets: serviceTickets(status: ANSWERED, first: 3) {
      totalCount
      edges {
        node {
          id
          subject
          status
          lastActivityAt
        }
      }
    }
  }
`);

// Any shipment of the dealer's moving: only the cursor is needed, the page
// reads its figures again.
export const HomeDeliveriesSubscription = graphql(`
  subscription HomeDeliveries($after: String) {
    deliveryUpdated(after: $after) {
      cursor
    }
  }
`);

type Dealer = NonNullable<DealerHomeQuery["me"]["dealer"]>;
type LivePolicy = { key: string; id: string; title: string; action: AnnouncementEvent["action"] };

function nodes<T>(c: { edges?: ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  return (c?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
}

/**
 * A dealer's morning: can it order (credit), what it owes (balance, overdue
 * and its ageing), what is on its way (open orders, deliveries), what it has
 * to read or acknowledge, how far it is towards its quota and rebates, and its
 * open service requests. Every figure is the API's, drawn here.
 */
export function DealerHome() {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: DealerHomeQueryDoc });
  const [live, setLive] = useState<LivePolicy[]>([]);
  const reload = () => refetch({ requestPolicy: "network-only" });
  const cursor = data?.eventCursor;

  useOrderEvents({ eventCursor: cursor, onEvent: reload, onExpired: reload });
  useAnnouncementEvents({
    eventCursor: cursor,
    onEvent: (e) => {
      if (e.policy) {
        const p = e.policy;
        setLive((prev) =>
          prev.some((x) => x.key === e.cursor) ? prev : [{ key: e.cursor, id: p.id, title: p.title, action: e.action }, ...prev].slice(0, 5),
        );
      }
      reload();
    },
    onExpired: reload,
  });
  const [deliveries] = useSubscription({ query: HomeDeliveriesSubscription, variables: { after: cursor ?? null }, pause: !cursor }, (_p, d) => {
    reload();
    return d;
  });
  const deliveriesExpired = isCursorExpired(deliveries.error);
  useEffect(() => {
    if (deliveriesExpired) refetch({ requestPolicy: "network-only" });
  }, [deliveriesExpired, refetch]);

  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const dealer = data.me.dealer;
  if (!dealer) return null;
  const money = (s: string) => formatMoney(s, i18n.language);

  return (
    <>
      <div className="home-grid">
        <section aria-labelledby="home-credit" className="card home-credit">
          <h2 id="home-credit">{t("home.credit")}</h2>
          <CreditGauge dealer={dealer} />
          <p>
            <Link className="button button-primary" to="/catalogue">
              {t("home.order")}
            </Link>
          </p>
        </section>

        <section aria-labelledby="home-owed" className="card home-owed">
          <h2 id="home-owed">{t("home.owed")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("home.balance")}</dt>
              <dd className="money total" data-figure="balance">
                {money(dealer.balance)}
              </dd>
            </div>
            <div>
              <dt>{t("home.overdue")}</dt>
              <dd className={`money${Number(dealer.ageing.overdue) > 0 ? " money-bad" : ""}`} data-figure="overdue">
                {money(dealer.ageing.overdue)}
              </dd>
            </div>
          </dl>
          <AgeingBar ageing={dealer.ageing} />
          <p>
            <Link to="/statement">{t("home.toStatement")}</Link>
          </p>
        </section>

        <OpenOrders dealer={dealer} />
        <Deliveries shipments={nodes(data.shipments)} />
        <Announcements pinned={nodes(data.pinned)} unread={nodes(data.unread)} unreadCount={data.unread.totalCount} />
        <Policies
          pending={nodes(data.toAcknowledge).filter((p) => p.needsAcknowledgement)}
          live={live}
          // A refetch started by a live event before the click would answer with the
          // policy still pending; asking again after the acknowledgement settles it.
          reload={reload}
        />

        <section aria-labelledby="home-progress" className="card home-progress">
          <h2 id="home-progress">{t("home.progress")}</h2>
          <ul className="cards">
            <QuotaCard title={t("home.quotaMonth")} progress={dealer.quotaProgress} kind="month" />
          </ul>
          {dealer.rebates.length ? (
            <ul className="cards rebate-statuses">
              {dealer.rebates.map((s) => (
                <RebateStatusCard key={s.program.id} status={s} chart={false} />
              ))}
            </ul>
          ) : (
            <p className="muted">{t("home.noRebates")}</p>
          )}
          <p>
            <Link to="/incentives">{t("home.toIncentives")}</Link>
          </p>
        </section>

        <Tickets
          open={data.openTickets.totalCount}
          answered={data.answeredTickets.totalCount}
          latest={[...nodes(data.answeredTickets), ...nodes(data.openTickets)]
            .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))
            .slice(0, 3)}
        />
      </div>
    </>
  );
}

function OpenOrders({ dealer }: { dealer: Dealer }) {
  const { t } = useTranslation();
  const total = dealer.openOrders.reduce((n, s) => n + s.count, 0);
  return (
    <section aria-labelledby="home-orders" className="card home-orders">
      <h2 id="home-orders">{t("home.openOrders")}</h2>
      {total === 0 ? (
        <p className="muted">{t("home.noOpenOrders")}</p>
      ) : (
        <ul className="home-counts">
          {dealer.openOrders.map((s) => (
            <li key={s.status} data-open-status={s.status}>
              <Link to={`/orders?status=${s.status}`}>
                <OrderStatusBadge status={s.status} /> <strong className="num" data-count={s.count}>{s.count}</strong>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/orders">{t("home.allOrders")}</Link>
      </p>
    </section>
  );
}

type Shipment = NonNullable<NonNullable<NonNullable<DealerHomeQuery["shipments"]["edges"]>[number]>["node"]>;

function Deliveries({ shipments }: { shipments: Shipment[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="home-deliveries" className="card home-deliveries">
      <h2 id="home-deliveries">{t("home.deliveries")}</h2>
      {!shipments.length ? (
        <p className="muted">{t("home.noDeliveries")}</p>
      ) : (
        <ul className="home-list">
          {shipments.map((s) => (
            <li key={s.id} data-shipment={s.number}>
              <Link to={`/orders/${encodeURIComponent(s.order.id)}`} className="mono">
                {s.number}
              </Link>{" "}
              <span className={`badge shipment-${s.status.toLowerCase()}`}>{t(`shipmentStatus.${s.status}`)}</span>
              <br />
              <span className="muted">
                {t("home.forOrder", { number: s.order.number })}
                {s.deliveredAt
                  ? ` · ${t("home.deliveredAt", { when: formatTime(s.deliveredAt, i18n.language) })}`
                  : s.eta
                    ? ` · ${t("home.eta", { date: formatDate(s.eta, i18n.language) })}`
                    : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Ann = { id: string; title: string; category: string; publishedAt: string };

function Announcements({ pinned, unread, unreadCount }: { pinned: Ann[]; unread: Ann[]; unreadCount: number }) {
  const { t, i18n } = useTranslation();
  const shown = [...pinned, ...unread.filter((u) => !pinned.some((p) => p.id === u.id))];
  const unreadIDs = new Set(unread.map((u) => u.id));
  return (
    <section aria-labelledby="home-announcements" className="card home-announcements">
      <h2 id="home-announcements">
        {t("announcements.title")}{" "}
        {unreadCount > 0 && (
          <span className="badge badge-primary" data-figure="unread">
            {t("home.unread", { count: unreadCount })}
          </span>
        )}
      </h2>
      {!shown.length ? (
        <p className="muted">{t("home.nothingUnread")}</p>
      ) : (
        <ul className="home-list">
          {shown.map((a) => (
            <li key={a.id} data-announcement={a.title} className={unreadIDs.has(a.id) ? "unread" : undefined}>
              <Link to={`/announcements#a-${a.id}`}>{a.title}</Link>{" "}
              {pinned.some((p) => p.id === a.id) && <span className="badge">{t("announcements.pinned")}</span>}
              <br />
              <span className="muted">
                {t(`announcementCategory.${a.category}`)} · {formatTime(a.publishedAt, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/announcements">{t("home.toAnnouncements")}</Link>
      </p>
    </section>
  );
}

type Pending = { id: string; kind: string; title: string; version: number; effectiveFrom: string };

// The ids and classes here are what people (and the policy tests) look for on Home.
function Policies({ pending, live, reload }: { pending: Pending[]; live: LivePolicy[]; reload: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="home-policies" className="card home-policies">
      <h2 id="home-policies">{t("policies.toAcknowledge")}</h2>
      <p className="live-note" role="status" aria-live="polite" aria-atomic="true">
        {live[0] ? t(`policies.live.${live[0].action}`, { title: live[0].title }) : ""}
      </p>
      {live.length > 0 && (
        <ul className="policy-updates">
          {live.map((p) => (
            <li key={p.key} className="live-changed" data-policy={p.title}>
              <span className="badge">{t(`policies.action.${p.action}`)}</span>{" "}
              <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {!pending.length ? (
        <p className="muted">{t("policies.allAcknowledged")}</p>
      ) : (
        <ul className="cards pending-policies">
          {pending.map((p) => (
            <li key={p.id} className="card" data-policy={p.title}>
              <p className="card-title">
                <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</Link>
              </p>
              <p className="muted">
                {t(`policyKind.${p.kind}`)} · {t("policies.versionN", { version: p.version })} ·{" "}
                {t("policies.effectiveFrom", { date: formatDate(p.effectiveFrom, i18n.language) })}
              </p>
              <AcknowledgeButton policyID={p.id} onDone={reload} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/policies">{t("policies.all")}</Link>
      </p>
    </section>
  );
}

type Ticket = { id: string; subject: string; status: string; lastActivityAt: string };

function Tickets({ open, answered, latest }: { open: number; answered: number; latest: Ticket[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="home-tickets" className="card home-tickets">
      <h2 id="home-tickets">{t("home.tickets")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("ticketStatus.OPEN")}</dt>
          <dd className="num" data-figure="ticketsOpen">{open}</dd>
        </div>
        <div>
          <dt>{t("ticketStatus.ANSWERED")}</dt>
          <dd className="num" data-figure="ticketsAnswered">{answered}</dd>
        </div>
      </dl>
      {latest.length > 0 && (
        <ul className="home-list">
          {latest.map((x) => (
            <li key={x.id}>
              <Link to={`/tickets/${encodeURIComponent(x.id)}`}>{x.subject}</Link>
              <br />
              <span className="muted">
                {t(`ticketStatus.${x.status}`)} · {formatTime(x.lastActivityAt, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/tickets">{t("home.allTickets")}</Link>
      </p>
    </section>
  );
}

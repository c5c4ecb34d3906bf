import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { Empty, ErrorMessage, Loading } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatDate, formatMoney } from "../format";
import { useState } from "react";
import { useViewer } from "../auth/viewer";
import { Timeline } from "../relationship/Timeline";
import { LogInteraction } from "../relationship/LogInteraction";
import { DealerRebates } from "../incentive/DealerRebates";
import { DealerStanding } from "../cockpit/DealerStanding";
import { localName } from "../i18n/localName";
import { DealerStatusPanel } from "../agreements/DealerStatusPanel";
import { PersonalDataActions } from "../personal/PersonalData";

export const DealerQuery = graphql(`
  query Dealer($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Dealer {
        code
        name
        tier
        status
        creditLimit
        paymentTermsDays
        joinedOn
        channel {
          id
          name
          nameZh
        }
        parent {
          id
          code
          name
        }
        owner {
          id
          name
        }
        territories {
          id
          code
          name
          nameZh
          region
        }
        subDealers {
          id
          code
          name
        }
        contacts {
          id
          name
          title
          email
          phone
          primary
          canErasePersonalData
          canExportPersonalData
        }
      }
    }
  }
`);

/**
 * One dealer: its standing, where it sells, the people to talk to, and its
 * timeline; staff log their contacts with it here.
 */
export function DealerDetail() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const [{ data: viewer }] = useViewer();
  const staff = !!viewer && viewer.me.role !== "DEALER";
  // Bumped when an interaction is logged: the timeline reads its first page afresh.
  const [timelineVersion, setTimelineVersion] = useState(0);
  const [{ data, error, fetching }, refetch] = useQuery({ query: DealerQuery, variables: { id } });
  const dealer = data?.node?.__typename === "Dealer" ? data.node : null;
  usePageTitle(dealer?.name ?? t("dealers.title"));

  const back = (
    <p className="back">
      <Link to="/dealers">← {t("dealer.back")}</Link>
    </p>
  );
  if (fetching && !data) return <Loading />;
  if (error && !data)
    return (
      <>
        {back}
        <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
      </>
    );
  if (!dealer)
    return (
      <>
        {back}
        <Empty>{t("dealer.notFound")}</Empty>
      </>
    );

  const contacts = [...(dealer.contacts ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
  return (
    <article aria-labelledby="dealer-title">
      {back}
      <p className="eyebrow mono">{dealer.code}</p>
      <h1 id="dealer-title">{dealer.name}</h1>
      <p>
        <Link className="button" to={`/dealers/${encodeURIComponent(dealer.id)}/statement`} data-link="statement">
          {t("statement.link")}
        </Link>
      </p>

      <section aria-labelledby="dealer-details">
        <h2 id="dealer-details">{t("dealer.details")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("dealer.status")}</dt>
            <dd>
              <span className={`badge badge-${dealer.status.toLowerCase()}`}>{t(`status.${dealer.status}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t("dealer.tier")}</dt>
            <dd>{t(`tier.${dealer.tier}`)}</dd>
          </div>
          <div>
            <dt>{t("dealer.channel")}</dt>
            <dd>{localName(dealer.channel, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t("dealer.parent")}</dt>
            <dd>
              {dealer.parent ? (
                <Link to={`/dealers/${encodeURIComponent(dealer.parent.id)}`}>{dealer.parent.name}</Link>
              ) : (
                t("dealer.noParent")
              )}
            </dd>
          </div>
          <div>
            <dt>{t("dealer.owner")}</dt>
            <dd>{dealer.owner?.name ?? t("dealer.noOwner")}</dd>
          </div>
          <div>
            <dt>{t("dealer.creditLimit")}</dt>
            <dd className="money">{formatMoney(dealer.creditLimit, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t("dealer.paymentTerms")}</dt>
            <dd>{t("days", { count: dealer.paymentTermsDays })}</dd>
          </div>
          <div>
            <dt>{t("dealer.joinedOn")}</dt>
            <dd>{formatDate(dealer.joinedOn, i18n.language)}</dd>
          </div>
        </dl>
      </section>

      {staff && (
        <DealerStatusPanel
          dealerID={dealer.id}
          onChanged={() => {
            refetch({ requestPolicy: "network-only" });
            setTimelineVersion((n) => n + 1);
          }}
        />
      )}

      <DealerStanding dealerID={dealer.id} />

      <section aria-labelledby="dealer-territories">
        <h2 id="dealer-territories">{t("dealer.territories")}</h2>
        {dealer.territories?.length ? (
          <ul className="chips">
            {dealer.territories.map((x) => (
              <li key={x.id}>
                {localName(x, i18n.language)} <span className="muted">({x.region})</span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t("dealer.noTerritories")}</Empty>
        )}
      </section>

      {!!dealer.subDealers?.length && (
        <section aria-labelledby="dealer-subdealers">
          <h2 id="dealer-subdealers">{t("dealer.subDealers")}</h2>
          <ul className="links">
            {dealer.subDealers.map((s) => (
              <li key={s.id}>
                <Link to={`/dealers/${encodeURIComponent(s.id)}`}>{s.name}</Link>{" "}
                <span className="muted mono">{s.code}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {staff && <DealerRebates dealerID={dealer.id} />}

      <section aria-labelledby="dealer-contacts">
        <h2 id="dealer-contacts">{t("dealer.contacts")}</h2>
        {contacts.length ? (
          <ul className="cards">
            {contacts.map((c) => (
              <li key={c.id} className="card">
                <p className="card-title">
                  {c.name}
                  {c.primary && <span className="badge badge-primary">{t("dealer.primary")}</span>}
                </p>
                {c.title && <p className="muted">{c.title}</p>}
                <dl className="contact">
                  {c.email && (
                    <div>
                      <dt>{t("dealer.contactEmail")}</dt>
                      <dd>
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </dd>
                    </div>
                  )}
                  {c.phone && (
                    <div>
                      <dt>{t("dealer.contactPhone")}</dt>
                      <dd>
                        <a href={`tel:${c.phone}`}>{c.phone}</a>
                      </dd>
                    </div>
                  )}
                </dl>
                <PersonalDataActions
                  subject={{ contactID: c.id }}
                  name={c.name}
                  canExport={c.canExportPersonalData}
                  canErase={c.canErasePersonalData}
                  onErased={() => refetch({ requestPolicy: "network-only" })}
                />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t("dealer.noContacts")}</Empty>
        )}
      </section>

      {staff && (
        <LogInteraction
          key={dealer.id}
          dealerID={dealer.id}
          contacts={contacts}
          onLogged={() => setTimelineVersion((v) => v + 1)}
        />
      )}
      <Timeline reader={{ staff, dealerID: dealer.id }} version={timelineVersion} />
    </article>
  );
}

import { useTranslation } from "react-i18next";
import { useViewer } from "../auth/viewer";
import { Empty } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { formatMoney } from "../format";
import { HomeUpdates } from "../components/HomeUpdates";
import { Timeline } from "../relationship/Timeline";

/** A dealer user's start page: their dealer's standing with the manufacturer, and its timeline. */
export function Home() {
  const { t, i18n } = useTranslation();
  const [{ data }] = useViewer(); // loaded by the layout
  const me = data?.me;
  const dealer = me?.dealer;
  usePageTitle(dealer?.name ?? t("home.title"));
  if (!me) return null;
  if (!dealer) return <Empty>{t("home.noDealer")}</Empty>;
  return (
    <section aria-labelledby="home-title">
      <p className="eyebrow">{t("home.welcome", { name: me.name })}</p>
      <h1 id="home-title">{dealer.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t("home.code")}</dt>
          <dd>{dealer.code}</dd>
        </div>
        <div>
          <dt>{t("home.status")}</dt>
          <dd>
            <span className={`badge badge-${dealer.status.toLowerCase()}`}>{t(`status.${dealer.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("home.creditLimit")}</dt>
          <dd className="money">{formatMoney(dealer.creditLimit, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("home.paymentTerms")}</dt>
          <dd>{t("days", { count: dealer.paymentTermsDays })}</dd>
        </div>
      </dl>
      <HomeUpdates />
      <Timeline reader={{ staff: false, dealerID: dealer.id }} />
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { useViewer } from "../auth/viewer";
import { Empty } from "../components/States";
import { usePageTitle } from "../components/usePageTitle";
import { DealerHome } from "../home/DealerHome";
import { Timeline } from "../relationship/Timeline";

/** A dealer user's start page: its standing with the manufacturer at a glance, then its timeline. */
export function Home() {
  const { t } = useTranslation();
  const [{ data }] = useViewer(); // loaded by the layout
  const me = data?.me;
  const dealer = me?.dealer;
  usePageTitle(dealer?.name ?? t("home.title"));
  if (!me) return null;
  if (!dealer) return <Empty>{t("home.noDealer")}</Empty>;
  return (
    <section aria-labelledby="home-title" className="dealer-home">
      <p className="eyebrow">{t("home.welcome", { name: me.name })}</p>
      <h1 id="home-title">{dealer.name}</h1>
      <p className="muted home-identity">
        <span className="mono">{dealer.code}</span> ·{" "}
        <span className={`badge badge-${dealer.status.toLowerCase()}`}>{t(`status.${dealer.status}`)}</span> ·{" "}
        {t("home.paymentTerms")} <span data-figure="paymentTerms">{t("days", { count: dealer.paymentTermsDays })}</span>
      </p>
      <DealerHome />
      <Timeline reader={{ staff: false, dealerID: dealer.id }} />
    </section>
  );
}

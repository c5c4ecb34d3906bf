import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { LeadConversionQuery } from "./ops";

/** A dealer's lead conversion over a period, beside its scorecard. */
export function LeadConversionCard({ dealerID, period }: { dealerID: string; period: string }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: LeadConversionQuery, variables: { dealerID, period }, pause: !dealerID || !period });
  const c = data?.scorecard.leadConversion;
  if (!c) return null;
  const rate = c.rate == null ? t("leads.conversion.none") : new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 }).format(c.rate);
  return (
    <section className="card lead-conversion" aria-label={t("leads.conversion.title")} data-period={data?.scorecard.period}>
      <h3>{t("leads.conversion.title")}</h3>
      <dl className="facts">
        <div>
          <dt>{t("leads.conversion.offered")}</dt>
          <dd data-field="offered">{c.offered}</dd>
        </div>
        <div>
          <dt>{t("leads.conversion.accepted")}</dt>
          <dd data-field="accepted">{c.accepted}</dd>
        </div>
        <div>
          <dt>{t("leads.conversion.won")}</dt>
          <dd data-field="won">{c.won}</dd>
        </div>
        <div>
          <dt>{t("leads.conversion.rate")}</dt>
          <dd data-field="rate">{rate}</dd>
        </div>
      </dl>
    </section>
  );
}

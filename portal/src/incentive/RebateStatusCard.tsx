import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { RebateStatusFieldsFragment } from "../gql/graphql";
import { formatMoney } from "../format";
import { formatRate, ladderSteps } from "./incentive";

const TierLadderChart = lazy(() => import("./TierLadderChart"));

export const RebateStatusFieldsFragmentDoc = graphql(`
  fragment RebateStatusFields on RebateStatus {
    program {
      id
      name
      description
      periodKind
      tierMode
      tiers {
        threshold
        rateBasisPoints
      }
    }
    period
    closed
    invoiced
    corrected
    basis
    tier {
      threshold
      rateBasisPoints
    }
    rateBasisPoints
    accrued
    nextTier {
      threshold
      rateBasisPoints
    }
    distanceToNextTier
    projectedBasis
    projectedTier {
      threshold
      rateBasisPoints
    }
    projectedAccrued
    settled
    shortfall
  }
`);

/**
 * Where a dealer stands in one rebate program, as the API computed it: basis,
 * tier, rate and accrued, the way to the next tier, the projection to the
 * period's end, what was settled and any shortfall carried. With chart, the
 * ladder is drawn too.
 */
export function RebateStatusCard({ status, chart = true }: { status: RebateStatusFieldsFragment; chart?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const money = (s: string) => formatMoney(s, locale);
  const s = status;
  const tierText = (x: { threshold: string; rateBasisPoints: number } | null | undefined) =>
    x ? t("incentives.tierWords", { rate: formatRate(x.rateBasisPoints, locale), amount: money(x.threshold) }) : t("incentives.belowFirstTier");
  const hasShortfall = Number(s.shortfall) > 0;
  return (
    <li className="card rebate-status" data-program={s.program.name}>
      <p className="card-title">
        <strong>{s.program.name}</strong> <span className="badge">{t(`incentives.periodKind.${s.program.periodKind}`)}</span>{" "}
        <span className="badge">{t(`incentives.tierMode.${s.program.tierMode}`)}</span>{" "}
        <span className={`badge ${s.closed ? "badge-terminated" : "badge-active"}`}>
          {s.closed ? t("incentives.closed") : t("incentives.running")}
        </span>
      </p>
      <p className="muted">
        {t("incentives.periodLabel")} <span className="mono">{s.period}</span>
      </p>
      <dl className="facts rebate-facts">
        <div>
          <dt>{t("incentives.basis")}</dt>
          <dd className="money" data-fact="basis">
            {money(s.basis)}
          </dd>
        </div>
        <div>
          <dt>{t("incentives.tier")}</dt>
          <dd data-fact="tier">{tierText(s.tier)}</dd>
        </div>
        <div>
          <dt>{t("incentives.rate")}</dt>
          <dd data-fact="rate">{formatRate(s.rateBasisPoints, locale)}</dd>
        </div>
        <div>
          <dt>{t("incentives.accrued")}</dt>
          <dd className="money" data-fact="accrued">
            {money(s.accrued)}
          </dd>
        </div>
      </dl>
      <p className="rebate-next" data-fact="next">
        {s.nextTier && s.distanceToNextTier
          ? t("incentives.toNextTier", {
              amount: money(s.distanceToNextTier),
              rate: formatRate(s.nextTier.rateBasisPoints, locale),
            })
          : t("incentives.topTier")}
      </p>
      <p className="rebate-projection" data-fact="projection">
        {s.closed
          ? t("incentives.closedNote")
          : t("incentives.projection", {
              basis: money(s.projectedBasis),
              tier: tierText(s.projectedTier),
              accrued: money(s.projectedAccrued),
            })}
      </p>
      <p className="muted" data-fact="basis-detail">
        {t("incentives.basisDetail", { invoiced: money(s.invoiced), corrected: money(s.corrected) })}
      </p>
      <p data-fact="settled">
        {t("incentives.settledSoFar", { amount: money(s.settled) })}
        {hasShortfall && (
          <>
            {" "}
            <span className="badge badge-hold" data-fact="shortfall">
              {t("incentives.shortfall", { amount: money(s.shortfall) })}
            </span>
          </>
        )}
      </p>
      {chart && s.program.tiers.length > 0 && (
        <figure className="chart tier-ladder" aria-label={t("incentives.ladder")}>
          <figcaption>{t("incentives.ladder")}</figcaption>
          <Suspense fallback={null}>
            <TierLadderChart steps={ladderSteps(s.program.tiers, s.basis, s.projectedBasis)} basis={s.basis} projected={s.projectedBasis} />
          </Suspense>
          <p className="chart-key muted">
            <span className="key key-basis" aria-hidden="true" /> {t("incentives.keyBasis")}{" "}
            <span className="key key-projected" aria-hidden="true" /> {t("incentives.keyProjected")}
          </p>
          <table className="table ladder-table">
            <thead>
              <tr>
                <th scope="col">{t("incentives.threshold")}</th>
                <th scope="col" className="num">
                  {t("incentives.rate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.program.tiers.map((x) => (
                <tr key={x.threshold} className={s.tier?.threshold === x.threshold ? "tier-current" : undefined}>
                  <td data-label={t("incentives.threshold")} className="money">
                    {t("incentives.fromAmount", { amount: money(x.threshold) })}
                  </td>
                  <td data-label={t("incentives.rate")} className="num">
                    {formatRate(x.rateBasisPoints, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </li>
  );
}

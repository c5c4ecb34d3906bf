import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../format";
import { chartAmount, formatRate, type LadderRow } from "./incentive";

/**
 * A program's ladder: each tier a bar as high as its threshold, labelled with
 * its rate; the dealer's basis and its projection to the period's end as
 * lines across. Tiers reached are solid, those projected lighter. Loaded on
 * its own: the chart library is large.
 */
export default function TierLadderChart({ rows, basis, projected }: { rows: LadderRow[]; basis: string; projected: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const top = Math.max(chartAmount(basis), chartAmount(projected), ...rows.map((r) => r.value), 1);
  const data = rows.map((r) => ({ ...r, label: formatMoney(r.threshold, locale), rate: formatRate(r.rateBasisPoints, locale) }));
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ left: 0, right: 16, top: 20, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
        <YAxis domain={[0, Math.ceil(top * 1.1)]} tickFormatter={(v: number) => compact.format(v)} width={52} />
        <Tooltip
          formatter={(_v, _n, item) => [
            `${(item.payload as { rate: string }).rate}`,
            t("incentives.tierFrom", { amount: (item.payload as { label: string }).label }),
          ]}
        />
        <Bar dataKey="value" name={t("incentives.threshold")} isAnimationActive={false}>
          {data.map((r) => (
            <Cell key={r.threshold} fill={r.reached ? "#1d4ed8" : r.projected ? "#93c5fd" : "#d9dee4"} />
          ))}
          <LabelList dataKey="rate" position="top" fontSize={12} />
        </Bar>
        <ReferenceLine y={chartAmount(projected)} stroke="#9a6700" strokeDasharray="6 4" ifOverflow="extendDomain" />
        <ReferenceLine y={chartAmount(basis)} stroke="#0f7b3f" strokeWidth={2} ifOverflow="extendDomain" />
      </BarChart>
    </ResponsiveContainer>
  );
}

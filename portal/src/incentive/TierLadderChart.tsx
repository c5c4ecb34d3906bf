import { useTranslation } from "react-i18next";
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartAmount, type LadderPoint } from "./incentive";

/**
 * A program's ladder as steps, the rate against the period's basis, with
 * the dealer's basis now (solid) and projected to the period's end (dashed)
 * as lines across. Loaded on its own: the chart library is large.
 */
export default function TierLadderChart({ steps, basis, projected }: { steps: LadderPoint[]; basis: string; projected: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "zh" ? "zh-CN" : "en";
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const top = Math.max(...steps.map((s) => s.rate), 1);
  return (
    <ResponsiveContainer width="100%" height={200}>
      <AreaChart data={steps} margin={{ left: 0, right: 16, top: 16, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="amount" type="number" domain={[0, "dataMax"]} tickFormatter={(v: number) => compact.format(v)} />
        <YAxis domain={[0, Math.ceil(top * 1.2)]} unit="%" width={44} />
        <Tooltip
          labelFormatter={(v) => t("incentives.fromAmount", { amount: compact.format(Number(v)) })}
          formatter={(v) => [`${v}%`, t("incentives.rate")]}
        />
        <Area type="stepAfter" dataKey="rate" stroke="#1d4ed8" fill="#dbeafe" isAnimationActive={false} />
        <ReferenceLine x={chartAmount(projected)} stroke="#9a6700" strokeDasharray="6 4" />
        <ReferenceLine x={chartAmount(basis)} stroke="#0f7b3f" strokeWidth={2} />
      </AreaChart>
    </ResponsiveContainer>
  );
}

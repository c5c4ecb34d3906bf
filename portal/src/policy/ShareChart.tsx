import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChannelShare } from "./share";

/** The share acknowledged per channel as bars, 0–100 %. Loaded on its own: only staff open it. */
export default function ShareChart({ rows }: { rows: ChannelShare[] }) {
  const { t } = useTranslation();
  return (
    <ResponsiveContainer width="100%" height={48 + rows.length * 40}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="channel" width={96} />
        <Tooltip formatter={(v) => [`${v}%`, t("policies.share")]} />
        <Bar dataKey="share" name={t("policies.share")} fill="#1d4ed8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BudgetRow = { fund: string; approved: number; pending: number; remaining: number };

/** Each budget as one bar: approved, claimed and waiting, and what is left. Loaded on its own. */
export default function BudgetChart({ rows }: { rows: BudgetRow[] }) {
  const { t, i18n } = useTranslation();
  const fmt = (v: unknown) => Number(v).toLocaleString(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <ResponsiveContainer width="100%" height={72 + rows.length * 44}>
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={fmt} />
        <YAxis type="category" dataKey="fund" width={120} />
        <Tooltip formatter={(v, name) => [fmt(v), name]} />
        <Legend />
        <Bar dataKey="approved" stackId="b" name={t("funds.approved")} fill="#15803d" isAnimationActive={false} />
        <Bar dataKey="pending" stackId="b" name={t("funds.pending")} fill="#ca8a04" isAnimationActive={false} />
        <Bar dataKey="remaining" stackId="b" name={t("funds.remaining")} fill="#93c5fd" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

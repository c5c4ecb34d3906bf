import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = { label: string; value: number | null };

/**
 * A KPI over periods as a line; a period without data is a gap, not 0.
 * Loaded on its own: the chart library is large.
 */
export default function TrendChart({ points, format, name }: { points: ChartPoint[]; format: (v: number) => string; name: string }) {
  return (
    <ResponsiveContainer width="100%" height={180}>
      <LineChart data={points} margin={{ left: 0, right: 12, top: 12, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} />
        <YAxis width={56} tick={{ fontSize: 11 }} tickFormatter={(v: number) => format(v)} />
        <Tooltip formatter={(v) => [format(Number(v)), name]} />
        <Line type="monotone" dataKey="value" stroke="#1d4ed8" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BarPoint = { label: string; value: number | null; mark?: "best" | "worst" | null };

const FILL = { best: "#0f7b3f", worst: "#b42318", none: "#1d4ed8" };

/**
 * Values side by side as bars (best green, worst red when marked); a value
 * without data has no bar. Loaded on its own: the chart library is large.
 */
export default function BarsChart({ points, format, name }: { points: BarPoint[]; format: (v: number) => string; name: string }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={points} margin={{ left: 0, right: 12, top: 12, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
        <YAxis width={56} tick={{ fontSize: 11 }} tickFormatter={(v: number) => format(v)} />
        <Tooltip formatter={(v) => [format(Number(v)), name]} />
        <Bar dataKey="value" isAnimationActive={false}>
          {points.map((p, i) => (
            <Cell key={i} fill={FILL[p.mark ?? "none"]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface MixRow {
  name: string;
  weight: number;
  pipeline: number;
}

/** The team's open pipeline per objective (and on no objective) next to the strategy's weights, in percent. */
export function PipelineMixChart({ rows }: { rows: MixRow[] }) {
  const summary = rows.map((r) => `${r.name}: pipeline ${r.pipeline}%, weight ${r.weight}%`).join("; ");
  const top = Math.max(50, Math.ceil(Math.max(...rows.map((r) => Math.max(r.weight, r.pipeline))) / 10) * 10);
  const ticks = Array.from({ length: top / 10 + 1 }, (_, i) => i * 10);
  return (
    <div role="img" aria-label={`Team pipeline mix against the strategy's weights. ${summary}`} className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} barGap={2}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" unit="%" domain={[0, top]} ticks={ticks} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis type="category" dataKey="name" width={200} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip formatter={(value, name) => [`${value}%`, name]} cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="weight" name="Strategy weight" fill="#94a3b8" radius={[0, 3, 3, 0]} isAnimationActive={false} />
          <Bar
            dataKey="pipeline"
            name="Team open pipeline"
            fill="#4f46e5"
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

"use client";

import { useFormatter } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  name: string;
  points: Array<{ week: string; rate: number | null }>;
}

// Distinct in colour and in dash, so the lines stay apart in grey print too.
const PALETTE = ["#0f766e", "#b45309", "#7c3aed", "#be123c", "#0369a1", "#4d7c0f", "#a16207", "#475569"];
const DASHES = ["6 3", "2 3", "8 3 2 3", "4 4"];

/** Weekly attendance rate (%) as lines: the whole unit bold, each unit below it thin. */
export function AttendanceChart({ overall, byUnit, label }: { overall: ChartSeries; byUnit: ChartSeries[]; label: string }) {
  const format = useFormatter();
  const series = [overall, ...byUnit];
  const weeks = [...new Set(series.flatMap((s) => s.points.map((p) => p.week)))].sort();
  const rows = weeks.map((week) => {
    const row: Record<string, string | number | null> = { week };
    for (const s of series) {
      const point = s.points.find((p) => p.week === week);
      row[s.key] = point && point.rate !== null ? Math.round(point.rate * 1000) / 10 : null;
    }
    return row;
  });
  const weekLabel = (week: string) => format.dateTime(new Date(`${week}T00:00:00+08:00`), { month: "numeric", day: "numeric" });
  return (
    <figure role="img" aria-label={label} className="h-72 w-full sm:h-80" data-testid="attendance-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="week" tickFormatter={weekLabel} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} width={48} />
          <Tooltip labelFormatter={(week) => weekLabel(String(week))} formatter={(value) => (value === null || value === undefined ? "—" : `${value}%`)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey={overall.key} name={overall.name} stroke="#1d4ed8" strokeWidth={3} dot={{ r: 4 }} connectNulls isAnimationActive={false} />
          {byUnit.map((s, index) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={PALETTE[index % PALETTE.length]}
              strokeDasharray={DASHES[index % DASHES.length]}
              strokeWidth={1.5}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

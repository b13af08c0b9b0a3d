"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const PALETTE = ["#0f766e", "#b45309", "#7c3aed", "#be123c", "#0369a1", "#4d7c0f"];

/** Visits per month as grouped bars, one colour per facility. */
export function MonthlyChart({ months, byFacility, label }: { months: string[]; byFacility: Array<{ facilityId: string; name: string; counts: number[] }>; label: string }) {
  const rows = months.map((month, i) => ({ month, ...Object.fromEntries(byFacility.map((f) => [f.facilityId, f.counts[i] ?? 0])) }));
  return (
    <figure role="img" aria-label={label} className="h-72 w-full sm:h-80" data-testid="visit-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={36} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {byFacility.map((f, i) => (
            <Bar key={f.facilityId} dataKey={f.facilityId} name={f.name} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

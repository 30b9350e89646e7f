'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries {
  /** The data field the bars show. */
  key: string;
  /** The legend's words, already in the UI language. */
  name: string;
}

/** A category on the x axis (`name`: a tier, a segment, a reward …) and one number per series. */
export type ChartPoint = { name: string } & Record<string, string | number>;

// The app's accent first (globals.css), then colours that stay apart for colour-blind readers.
const colors = ['#4f46e5', '#9aa3b2', '#0e9384', '#dc6803', '#7a5af8', '#d92d20'];

/**
 * Grouped bars per category: a period against the period before, or the steps of a funnel,
 * so the shape stands out before anyone reads the table below it.
 */
export function ReportChart({
  data,
  series,
  format,
  testId,
  height = 260,
}: {
  data: ChartPoint[];
  series: ChartSeries[];
  format: (value: number) => string;
  testId: string;
  height?: number;
}) {
  if (data.length === 0) return null;
  return (
    <div className="card__body" data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(value: number) => format(value)} width={90} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => format(Number(value))} />
          {/* In series order (this period first), not sorted by name as recharts would. */}
          <Legend itemSorter={null} />
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={colors[i % colors.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

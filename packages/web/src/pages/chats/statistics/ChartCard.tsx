import { Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../../../i18n';

export type ChartRow = {
  label: string;
  value: number;
  /** Shown in the table beside the value. */ note?: string;
};

/**
 * A bar chart with a heading. The drawing is hidden from assistive technology; the same numbers are in a table
 * that screen readers read instead (visually hidden), named after the chart.
 */
export function ChartCard({
  title,
  rows,
  labelHeader,
  valueHeader,
  noteHeader,
  horizontal = false,
  empty,
  footer,
  height = 260,
}: {
  title: string;
  rows: ChartRow[];
  labelHeader: string;
  valueHeader: string;
  noteHeader?: string;
  horizontal?: boolean;
  /** Said instead of the chart when there is nothing to draw. */
  empty?: string | null;
  footer?: ReactNode;
  height?: number;
}) {
  const t = useT();
  const id = useId();
  const chartHeight = horizontal ? Math.max(120, rows.length * 28 + 40) : height;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {empty ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <>
          <div aria-hidden="true" style={{ width: '100%', height: chartHeight }} data-chart>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={rows}
                layout={horizontal ? 'vertical' : 'horizontal'}
                margin={{ top: 4, right: 16, bottom: 4, left: horizontal ? 8 : -16 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-gray-3)" />
                {horizontal ? (
                  <>
                    <XAxis type="number" allowDecimals={false} fontSize={12} />
                    <YAxis
                      type="category"
                      dataKey="label"
                      width={170}
                      fontSize={12}
                      interval={0}
                      tickFormatter={(v: string) => (v.length > 22 ? `${v.slice(0, 21)}…` : v)}
                    />
                  </>
                ) : (
                  <>
                    <XAxis dataKey="label" fontSize={12} minTickGap={8} />
                    <YAxis allowDecimals={false} fontSize={12} />
                  </>
                )}
                <Tooltip cursor={{ fill: 'var(--mantine-color-gray-1)' }} />
                <Bar
                  dataKey="value"
                  name={valueHeader}
                  fill="var(--mantine-color-blue-6)"
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <VisuallyHidden>
            <Table>
              <caption>{t('stats.tableOf', { title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{labelHeader}</th>
                  <th scope="col">{valueHeader}</th>
                  {noteHeader && <th scope="col">{noteHeader}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.value}</td>
                    {noteHeader && <td>{r.note ?? ''}</td>}
                  </tr>
                ))}
              </tbody>
            </Table>
          </VisuallyHidden>
        </>
      )}
      {footer}
    </Paper>
  );
}

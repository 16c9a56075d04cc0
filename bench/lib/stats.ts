/** Latency summaries: nearest-rank percentiles over every sample (no histogram buckets, no sampling). */
export type Summary = { count: number; p50: number; p99: number; max: number; mean: number };

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const s of sorted) sum += s;
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
  };
}

export const ms = (v: number) =>
  !Number.isFinite(v)
    ? '–'
    : v >= 1000
      ? `${Math.round(v).toLocaleString('en-US')} ms`
      : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
export const ratio = (v: number) =>
  !Number.isFinite(v) ? '–' : v >= 100 ? `${Math.round(v).toLocaleString('en-US')}×` : `${v.toFixed(2)}×`;
export const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '–');
export const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
export const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : '–');
export const mb = (bytes: number) =>
  Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '–';

/**
 * The one percentile definition of every latency figure (eval, bench, load): nearest rank — the
 * smallest sample with at least a fraction q of all samples at or below it (⌈q·n⌉-th of n sorted).
 * For 20 samples, p95 is the 19th; p50 of an even count is the lower middle sample.
 */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Nearest-rank percentile of unsorted samples, rounded to 0.1 (ms). */
export function percentile(xs: readonly number[], q: number): number {
  return round1(nearestRank([...xs].sort((a, b) => a - b), q));
}

/** p50, p95 and the maximum of unsorted samples, rounded to 0.1 (ms). */
export function latencyPercentiles(xs: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: round1(nearestRank(sorted, 0.5)), p95: round1(nearestRank(sorted, 0.95)), max: round1(nearestRank(sorted, 1)) };
}

/**
 * Recall as a function of the candidate budget K, and picking the largest budget that fits a
 * latency target. Used to plot recall curves and to auto-tune search presets.
 */

export interface RankedQuery {
  /** Ids, best first. */
  ranked: readonly (string | number)[];
  /** Relevant ids (binary). */
  relevant: ReadonlySet<string | number>;
}

export interface LatencyAtK {
  k: number;
  p95Ms: number;
}

/**
 * Mean recall at every budget: element k-1 is the mean of R@k over `runs`, for k = 1..maxK. Each
 * query is walked once down to maxK. Agrees with `computeMeasure(R@k)`: a query with no relevant
 * ids counts 0, and every listed hit counts (a relevant id listed twice counts twice). Zeros when
 * `runs` is empty.
 */
export function recallCurve(runs: readonly RankedQuery[], maxK = 300): Float64Array {
  if (!Number.isInteger(maxK) || maxK < 1) throw new Error(`recallCurve: maxK must be a positive integer, got ${maxK}.`);
  // gain[i] = total recall gained at rank i+1 over all queries; the curve is its running sum.
  const gain = new Float64Array(maxK);
  for (const { ranked, relevant } of runs) {
    if (relevant.size === 0) continue;
    const step = 1 / relevant.size;
    const depth = Math.min(maxK, ranked.length);
    for (let i = 0; i < depth; i++) if (relevant.has(ranked[i])) gain[i] += step;
  }
  const curve = new Float64Array(maxK);
  if (runs.length === 0) return curve;
  let sum = 0;
  for (let i = 0; i < maxK; i++) {
    sum += gain[i];
    curve[i] = sum / runs.length;
  }
  return curve;
}

/**
 * The largest measured budget whose p95 latency is within `targetMs`, or null when none is. Only
 * measured budgets are returned (no interpolation); entries with a non-finite p95 are skipped.
 */
export function largestKWithin(latencyByK: readonly LatencyAtK[], targetMs: number): number | null {
  let best: number | null = null;
  for (const { k, p95Ms } of latencyByK) {
    if (Number.isFinite(p95Ms) && p95Ms <= targetMs && (best === null || k > best)) best = k;
  }
  return best;
}

/**
 * Statistics for an offline A/B comparison: the Wilson score interval for a preference share and
 * the exact two-sided binomial sign test. Pure functions, no I/O.
 */

/** The two-sided 95 % normal quantile. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion of `successes` out of `n`; null when n = 0.
 * Unlike the normal (Wald) interval it stays inside [0, 1] and behaves at 0 and n.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z95): [number, number] | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need integers 0 <= successes <= n, got ${successes} of ${n}`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** ln(k!) for k = 0..n, by running sums of logs (exact enough for n in the thousands). */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1] + Math.log(k);
  return out;
}

/**
 * Exact two-sided binomial sign test of `a` wins against `b` wins under p = 0.5 (ties are left
 * out by the caller): the total probability of every outcome no more likely than the observed
 * one. Computed in log space (log-sum-exp), so thousands of judgments neither overflow nor
 * underflow. Null when a + b = 0.
 */
export function signTestPValue(a: number, b: number): number | null {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) {
    throw new RangeError(`signTestPValue: need non-negative integer counts, got ${a} and ${b}`);
  }
  const n = a + b;
  if (n === 0) return null;
  const lf = logFactorials(n);
  const ln2n = n * Math.LN2;
  const logP = (k: number) => lf[n] - lf[k] - lf[n - k] - ln2n;
  // Same relative slack as R's binom.test, so outcomes tied in probability with the observed
  // one are not lost to rounding.
  const cutoff = logP(a) + Math.log1p(1e-7);
  const terms: number[] = [];
  let max = -Infinity;
  for (let k = 0; k <= n; k++) {
    const lp = logP(k);
    if (lp <= cutoff) {
      terms.push(lp);
      if (lp > max) max = lp;
    }
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * Batch by length: inputs are sorted by token count (longest first) and cut into batches of at most
 * `maxBatch` items and `maxTokens` padded tokens (items × longest), so little compute goes to
 * padding; results come back in input order.
 */

export interface BatchLimits {
  maxBatch: number;
  /** Upper bound on batch size × longest sequence; a single longer item still runs alone. */
  maxTokens: number;
}

export const DEFAULT_LIMITS: BatchLimits = { maxBatch: 16, maxTokens: 16_384 };

/** Groups of input indices, each group sorted longest first. */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]! || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const i of order) {
    const fits = current.length < limits.maxBatch && (current.length + 1) * Math.max(longest, lengths[i]!) <= limits.maxTokens;
    if (current.length > 0 && !fits) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = lengths[i]!;
    current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Runs `run` on each planned batch (one at a time) and returns the results in input order. */
export async function runInBatches<R>(
  lengths: readonly number[],
  limits: BatchLimits,
  run: (indices: number[]) => Promise<R[]>,
): Promise<R[]> {
  const out = new Array<R>(lengths.length);
  for (const indices of planBatches(lengths, limits)) {
    const results = await run(indices);
    indices.forEach((idx, k) => {
      out[idx] = results[k]!;
    });
  }
  return out;
}

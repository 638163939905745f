import { createHash } from 'node:crypto';

export type Split = 'train' | 'validation' | 'all';

/**
 * Deterministic train/validation split of a query set: a query goes to validation when the hash of
 * (seed, query id) falls in the first `fraction` of the range. Stable across runs and machines, and
 * independent of the file's order.
 */
export function splitOf(queryId: string | number, seed = 42, fraction = 0.2): 'train' | 'validation' {
  const h = createHash('sha256').update(`${seed}:${queryId}`).digest();
  return h.readUInt32BE(0) / 0x100000000 < fraction ? 'validation' : 'train';
}

/**
 * The feedback simulation's pool: a seeded 30 % of the train split (hashed apart from the split
 * itself) that base models are trained without (`npm run train -- --hold-feedback-pool`), so those
 * questions can arrive later as feedback (`npm run simulate-feedback`).
 */
export function inFeedbackPool(queryId: string | number, seed = 42, fraction = 0.3): boolean {
  if (splitOf(queryId, seed) !== 'train') return false;
  const h = createHash('sha256').update(`feedback-pool:${seed}:${queryId}`).digest();
  return h.readUInt32BE(0) / 0x100000000 < fraction;
}

export function inSplit(queryId: string | number, split: Split, seed = 42): boolean {
  return split === 'all' || splitOf(queryId, seed) === split;
}

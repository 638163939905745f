/**
 * Listwise softmax cross-entropy of one query's candidate list, computed from the scores alone
 * (apart from the model's forward pass). The target spreads uniformly over the relevant candidates
 * (label > 0): L = logsumexp(s) − mean_{i relevant} s_i, and ∂L/∂s = softmax(s) − target.
 */
export interface ListLoss {
  loss: number;
  /** ∂L/∂scores. */
  grad: Float64Array;
}

/** null when the list has no relevant candidate (it carries no signal). */
export function listwiseSoftmaxLoss(scores: ArrayLike<number>, labels: ArrayLike<number>): ListLoss | null {
  const n = scores.length;
  if (labels.length !== n) throw new Error('scores and labels differ in length');
  let relevant = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (labels[i] > 0) relevant++;
    if (scores[i] > max) max = scores[i];
  }
  if (relevant === 0) return null;
  let sum = 0;
  const grad = new Float64Array(n);
  for (let i = 0; i < n; i++) sum += grad[i] = Math.exp(scores[i] - max);
  const logZ = max + Math.log(sum);
  let loss = logZ;
  for (let i = 0; i < n; i++) {
    grad[i] /= sum;
    if (labels[i] > 0) {
      loss -= scores[i] / relevant;
      grad[i] -= 1 / relevant;
    }
  }
  return { loss, grad };
}

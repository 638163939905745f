/**
 * InfoNCE over a batch, computed from embeddings apart from the forward pass: query i's positive
 * is document positives[i]; every other document in the batch (in-batch and mined negatives) is a
 * negative. Returns the mean loss and its gradients with respect to the (normalised) query and
 * document vectors.
 */
export interface InfoNceResult {
  loss: number;
  gradQueries: Float64Array[];
  gradDocs: Float64Array[];
  /** Fraction of queries whose positive scored highest (a training-time sanity signal). */
  accuracy: number;
}

export function infoNce(queries: Float64Array[], docs: Float64Array[], positives: number[], temperature: number): InfoNceResult {
  const B = queries.length;
  const M = docs.length;
  const D = queries[0]?.length ?? 0;
  const gradQueries = queries.map(() => new Float64Array(D));
  const gradDocs = docs.map(() => new Float64Array(D));
  let loss = 0;
  let correct = 0;
  const logits = new Float64Array(M);
  for (let i = 0; i < B; i++) {
    const q = queries[i]!;
    let max = -Infinity;
    for (let j = 0; j < M; j++) {
      const dj = docs[j]!;
      let s = 0;
      for (let d = 0; d < D; d++) s += q[d]! * dj[d]!;
      logits[j] = s / temperature;
      if (logits[j]! > max) max = logits[j]!;
    }
    let z = 0;
    for (let j = 0; j < M; j++) z += Math.exp(logits[j]! - max);
    const pos = positives[i]!;
    loss += -(logits[pos]! - max - Math.log(z));
    let best = 0;
    for (let j = 1; j < M; j++) if (logits[j]! > logits[best]!) best = j;
    if (best === pos) correct++;
    // dL_i/dlogit_j = p_j − [j = pos]; dlogit_j/dq = d_j / τ; dlogit_j/dd_j = q / τ
    const gq = gradQueries[i]!;
    for (let j = 0; j < M; j++) {
      const g = (Math.exp(logits[j]! - max) / z - (j === pos ? 1 : 0)) / (temperature * B);
      if (g === 0) continue;
      const dj = docs[j]!;
      const gd = gradDocs[j]!;
      for (let d = 0; d < D; d++) {
        gq[d] += g * dj[d]!;
        gd[d] += g * q[d]!;
      }
    }
  }
  return { loss: loss / B, gradQueries, gradDocs, accuracy: correct / B };
}

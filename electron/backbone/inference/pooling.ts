/**
 * Vector arithmetic on model outputs: pooling a [B, L, H] hidden-state tensor into one vector per
 * row, L2 normalisation, Matryoshka truncation, and the score functions of the rerankers.
 */

export type Pooling = 'cls' | 'mean' | 'last';

/** Divides by the L2 norm in place; a zero vector stays zero. Returns the vector. */
function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

export function l2Norm(v: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

/**
 * Pools row `b` of hidden states `[B, L, H]`. `mask` is the attention mask `[B, L]` (1 = token).
 * cls: position 0 (right padding keeps [CLS] there); last: the last position whose mask is 1
 * (with left padding, the final position); mean: mask-weighted average.
 */
export function poolRow(
  hidden: Float32Array,
  dims: readonly number[],
  mask: BigInt64Array,
  b: number,
  pooling: Pooling,
): Float32Array {
  const [, L, H] = dims as [number, number, number];
  const rowStart = b * L * H;
  const out = new Float32Array(H);
  if (pooling === 'cls' || pooling === 'last') {
    let pos = 0;
    if (pooling === 'last') {
      pos = L - 1;
      while (pos > 0 && mask[b * L + pos] === 0n) pos--;
    }
    out.set(hidden.subarray(rowStart + pos * H, rowStart + (pos + 1) * H));
    return out;
  }
  let count = 0;
  for (let t = 0; t < L; t++) {
    if (mask[b * L + t] === 0n) continue;
    count++;
    const at = rowStart + t * H;
    for (let h = 0; h < H; h++) out[h]! += hidden[at + h]!;
  }
  if (count > 0) for (let h = 0; h < H; h++) out[h]! /= count;
  return out;
}

/** Row `b` of a pooled `[B, H]` tensor, copied. */
export function row(data: Float32Array, width: number, b: number): Float32Array {
  return data.slice(b * width, (b + 1) * width);
}

/** Keeps the first `dim` entries (Matryoshka) and re-normalises. */
export function truncateAndNormalize(v: Float32Array, dim: number | undefined): Float32Array {
  return l2Normalize(dim !== undefined && dim < v.length ? v.slice(0, dim) : v);
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** softmax([no, yes])[1], computed stably: P(yes). */
export function yesProbability(yesLogit: number, noLogit: number): number {
  return sigmoid(yesLogit - noLogit);
}

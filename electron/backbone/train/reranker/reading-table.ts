import { parseStaticVocab } from '../../inference/static-vocab';
import type { ReadingTable } from '../../inference/reading';
import type { ReaderWeights } from '../../onnx/reader-graph';
import type { EmbedderParams } from '../embedder-params';
import { symmetricEigen } from '../linear-algebra';

/** A reader's table in both forms: what the TypeScript forward reads and what the graph stores. */
export interface ReaderTable {
  table: ReadingTable;
  stored: Omit<ReaderWeights, 'scorer'>;
}

/**
 * A reader's token table from a trained static embedder: its token vectors, projected onto their
 * top `dim` principal directions (uncentred, of the unit rows) when `dim` is smaller, then stored
 * as int8 rows with one scale each, chosen so every dequantised row has unit length (a token meets
 * itself at cosine 1, which the exact-match kernel needs). The TypeScript table holds exactly the
 * dequantised rows, so training reads what the graph computes. Token weights are the embedder's,
 * floored at 0.
 */
export function readerTableFromStatic(model: { params: EmbedderParams; tokens: string[] }, dim?: number): ReaderTable {
  const { params, tokens } = model;
  const { vocabSize: V, dimension: D } = params;
  const R = Math.min(dim ?? D, D);
  const unit = new Float64Array(D);
  const rows = new Float64Array(V * R);
  const basis = R < D ? principalDirections(params.embeddings, V, D, R) : null;
  for (let r = 1; r < V; r++) {
    if (!unitRow(params.embeddings, r, D, unit)) continue;
    if (!basis) rows.set(unit, r * R);
    else for (let c = 0; c < R; c++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += unit[d]! * basis[d * R + c]!;
      rows[r * R + c] = s;
    }
  }
  const table = new Int8Array(V * R);
  const scales = new Float32Array(V);
  const vectors = new Float32Array(V * R);
  for (let r = 1; r < V; r++) {
    let max = 0;
    for (let c = 0; c < R; c++) max = Math.max(max, Math.abs(rows[r * R + c]!));
    if (max === 0) continue;
    let norm2 = 0;
    for (let c = 0; c < R; c++) {
      const q = Math.round((rows[r * R + c]! / max) * 127);
      table[r * R + c] = q;
      norm2 += q * q;
    }
    scales[r] = 1 / Math.sqrt(norm2);
    for (let c = 0; c < R; c++) vectors[r * R + c] = table[r * R + c]! * scales[r]!;
  }
  const tokenWeights = Float32Array.from(params.tokenWeights, (w) => Math.max(0, w));
  return {
    table: { vocab: parseStaticVocab({ tokens }), dim: R, vectors, tokenWeights },
    stored: { vocabSize: V, dim: R, table, scales, tokenWeights },
  };
}

function unitRow(E: Float32Array, r: number, D: number, out: Float64Array): boolean {
  let s = 0;
  for (let d = 0; d < D; d++) s += E[r * D + d]! ** 2;
  if (s === 0) return false;
  const n = Math.sqrt(s);
  for (let d = 0; d < D; d++) out[d] = E[r * D + d]! / n;
  return true;
}

/** The top R eigenvectors [D × R] of Σ u uᵀ over the unit rows u. */
function principalDirections(E: Float32Array, V: number, D: number, R: number): Float64Array {
  const C = new Float64Array(D * D);
  const u = new Float64Array(D);
  for (let r = 1; r < V; r++) {
    if (!unitRow(E, r, D, u)) continue;
    for (let i = 0; i < D; i++) {
      const ui = u[i]!;
      if (ui === 0) continue;
      for (let j = i; j < D; j++) C[i * D + j] += ui * u[j]!;
    }
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) C[i * D + j] = C[j * D + i]!;
  const { vectors } = symmetricEigen(C, D);
  const basis = new Float64Array(D * R);
  for (let d = 0; d < D; d++) for (let c = 0; c < R; c++) basis[d * R + c] = vectors[d * D + c]!;
  return basis;
}

/**
 * How vectors are stored in the vec0 table, and how a float vector is turned into what that table
 * holds. The numbers behind the choice are in DESIGN.md (scripts/experiments/vector-quantization.ts).
 *
 * - float: float32, L2 distance (on unit vectors the same ranking as cosine, and faster in 0.1.9).
 *   Exact.
 * - int8:  one byte per dimension, scaled by int8Scale(dim); scores are approximate cosines.
 * - bit:   sign bits; a top-M shortlist by Hamming distance, then exact rescoring of the shortlist
 *          from the float32 copies kept in the docs table.
 */
export type Quantization = 'float' | 'int8' | 'bit';

export const QUANTIZATIONS: readonly Quantization[] = ['float', 'int8', 'bit'];

/** sqlite-vec 0.1.9's largest k for a KNN query. */
export const MAX_K = 4096;

/** The bytes of a float32 vector, without copying. */
export function floatBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** A float32 vector read back from a BLOB (copied, so alignment never matters). */
export function blobToFloat(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/**
 * int8 scale: components of a unit vector spread about 1/sqrt(dim), so the scale maps ±5/sqrt(dim)
 * to ±127 (sqlite-vec's own 'unit' mode maps ±1, which leaves only a handful of levels at 1024
 * dimensions). Larger components are clipped. A function of the dimension only, so queries and
 * documents always agree.
 */
export function int8Scale(dim: number): number {
  return 127 / Math.min(1, 5 / Math.sqrt(dim));
}

export function toInt8Blob(v: Float32Array): Buffer {
  const s = int8Scale(v.length);
  const out = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round(v[i]! * s)));
  return Buffer.from(out.buffer);
}

/** SQL expression that turns the bound parameter into the vec0 column's type. */
export function columnValueSql(q: Quantization): string {
  return q === 'float' ? '?' : q === 'int8' ? 'vec_int8(?)' : 'vec_quantize_binary(?)';
}

/** The blob bound for `columnValueSql`: int8 is quantized here, bit by sqlite-vec from float32. */
export function columnValue(q: Quantization, v: Float32Array): Buffer {
  return q === 'int8' ? toInt8Blob(v) : floatBlob(v);
}

/** Cosine similarity of unit vectors from the vec0 distance of their stored forms. */
export function distanceToCosine(q: Quantization, distance: number, dim: number): number {
  const l2 = q === 'int8' ? distance / int8Scale(dim) : distance;
  return 1 - (l2 * l2) / 2;
}

/**
 * Shortlist length for bit search before exact rescoring: 10·k, at least 1000 (k = 60 → 1000,
 * k = 300 → 3000). Rescoring costs ≈ 3 µs per shortlisted article, so a long shortlist is cheap next
 * to the scan; recall numbers are in DESIGN.md.
 */
export function rescoreDepth(k: number): number {
  return Math.max(1000, 10 * k);
}

/**
 * Float vectors scanned per query above which float search gets slow on 2 cores: 80k × 256
 * (64k × 256 measured p50 ≈ 27–35 ms at k = 60, ≈ 70 ms at k = 300; 64k × 1024 takes 125–175 ms).
 * It covers the bundled corpus (64,430 articles) at 256 dimensions on purpose: there, bit+rescore
 * was no faster (≈ 29 ms at k = 60) and found only 0.63 of the exact top 60 with the untrained
 * lexbone-static model (`npm run bench`, denseTop60.recallVsExact).
 */
export const FLOAT_SCAN_BUDGET = 80_000 * 256;

/**
 * The quantization of a new index, from the measurements in DESIGN.md:
 * - float (exact) while articles × dimension ≤ FLOAT_SCAN_BUDGET: it is as fast as anything else
 *   there, and bit+rescore would only lose recall;
 * - bit + exact rescoring beyond it: its cost is nearly flat in the dimension (≈ 33 ms k = 60,
 *   ≈ 57 ms k = 300 at 64k × 1024, against 125–175 ms for float) with recall 1.00 on clustered data;
 * - int8 never by default: sqlite-vec 0.1.9 scans it no faster than float and it loses 1–3 %
 *   recall; it only saves space (¼ of float, and bit keeps float copies), so ask for it explicitly.
 * Bit needs a dimension divisible by 8; otherwise float.
 */
export function chooseQuantization(articleCount: number, dim: number): Quantization {
  if (articleCount * dim <= FLOAT_SCAN_BUDGET || dim % 8 !== 0) return 'float';
  return 'bit';
}

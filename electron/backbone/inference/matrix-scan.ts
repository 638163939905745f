/**
 * Exact nearest neighbours of several queries at once over an in-memory float matrix, as one ONNX
 * graph in the inference host: scores = matrix · queriesᵀ + bias, then TopK per query. ONNX
 * Runtime's GEMM is vectorised, and one GEMM over a batch reads the 64k × 256 matrix (66 MB) once
 * for all its queries, where sqlite-vec's scalar scan reads it again for every query. Measured on
 * the 2-core machine (DESIGN.md in vectors/): one query 7–8 ms, 8 queries 11 ms, 16 queries 13 ms,
 * against ≈ 34 ms per query through vec0. Runs only in the host process (never in worker_threads).
 */
import * as ort from 'onnxruntime-node';
import { encodeModel, FLOAT, INT64, node, valueInfo } from '../onnx/graph';

export interface ScanResult {
  /** Per query: row numbers and scores, best first. */
  rows: Int32Array;
  scores: Float32Array;
}

const sessions = new Map<number, Promise<ort.InferenceSession>>();

function scanModel(dimension: number): Uint8Array {
  return encodeModel({
    name: 'lexbone-matrix-scan',
    inputs: [
      valueInfo('matrix', FLOAT, ['rows', dimension]),
      valueInfo('queries', FLOAT, [dimension, 'batch']),
      valueInfo('bias', FLOAT, ['rows', 1]),
      valueInfo('k', INT64, [1]),
    ],
    outputs: [valueInfo('values', FLOAT, ['k', 'batch']), valueInfo('indices', INT64, ['k', 'batch'])],
    nodes: [
      node('MatMul', ['matrix', 'queries'], ['dots']),
      node('Add', ['dots', 'bias'], ['scores']),
      node('TopK', ['scores', 'k'], ['values', 'indices'], { axis: 0, largest: 1, sorted: 1 }),
    ],
    initializers: [],
  });
}

function session(dimension: number): Promise<ort.InferenceSession> {
  let s = sessions.get(dimension);
  if (!s) {
    // One thread: under load the host runs one batch after another, and the other core serves
    // HTTP and lexical search; no spinning between runs (see session.ts).
    s = ort.InferenceSession.create(scanModel(dimension), {
      graphOptimizationLevel: 'all', intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3,
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
    s.catch(() => sessions.delete(dimension));
    sessions.set(dimension, s);
  }
  return s;
}

/**
 * The best `k` rows (k ≤ rows) for each query vector by dot product plus `bias[row]`.
 * `matrix` is rows × dimension, row-major.
 */
export async function scanMatrix(matrix: Float32Array, dimension: number, bias: Float32Array, queries: Float32Array[], k: number): Promise<ScanResult[]> {
  const rows = bias.length;
  const b = queries.length;
  if (matrix.length !== rows * dimension) throw new RangeError(`matrix has ${matrix.length} values, expected ${rows} × ${dimension}`);
  const top = Math.min(k, rows);
  if (b === 0 || top === 0) return queries.map(() => ({ rows: new Int32Array(0), scores: new Float32Array(0) }));
  // Queries as the columns of a dimension × batch matrix.
  const q = new Float32Array(dimension * b);
  queries.forEach((v, j) => {
    if (v.length !== dimension) throw new RangeError(`query has ${v.length} dimensions, the matrix ${dimension}`);
    for (let i = 0; i < dimension; i++) q[i * b + j] = v[i]!;
  });
  const out = await (await session(dimension)).run({
    matrix: new ort.Tensor('float32', matrix, [rows, dimension]),
    queries: new ort.Tensor('float32', q, [dimension, b]),
    bias: new ort.Tensor('float32', bias, [rows, 1]),
    k: new ort.Tensor('int64', BigInt64Array.of(BigInt(top)), [1]),
  });
  const values = out.values!.data as Float32Array;
  const indices = out.indices!.data as BigInt64Array;
  return queries.map((_, j) => {
    const r = new Int32Array(top);
    const s = new Float32Array(top);
    for (let i = 0; i < top; i++) {
      r[i] = Number(indices[i * b + j]);
      s[i] = values[i * b + j]!;
    }
    return { rows: r, scores: s };
  });
}

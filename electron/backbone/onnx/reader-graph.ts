import type { onnx } from 'onnx-proto';
import { featureScorer, type FeatureRerankerWeights } from './feature-reranker-graph';
import { encodeModel, FLOAT, floatTensor, INT32, INT8, int64Tensor, node, valueInfo } from './graph';

/**
 * The built-in `lexbone-reader` reranker as an ONNX graph: the feature network of
 * feature-reranker-graph.ts over the caller's features and what the graph reads itself, the
 * question × article token similarities pooled by kernels (inference/reading.ts has the maths and
 * its TypeScript twin).
 *   inputs  features float [batch, F]
 *           query_ids int32 [q] and query_tf float [q]       (1 + ln count; padding id 0, tf 0)
 *           doc_tokens int32 [u]: the batch's distinct token ids, doc_tokens[0] = 0 (padding)
 *           doc_slots int32 [batch, a]: each article token as an index into doc_tokens (padding 0)
 * (int32 indices: the host fills them from typed arrays without a BigInt per token).
 *           doc_tf float [batch, a]
 *   output  score float [batch, 1]
 * Similarities are computed once per distinct token of the batch ([u × dim] · [dim × q]) and
 * gathered per article: candidates share most of their words, so this is several times fewer
 * products than one per article token.
 * T is the token table [V × dim] as int8 with one scale per row (dequantised rows have unit
 * length), TW the question and article token weights [2 × V]; a text's weights are tf · TW,
 * normalised to sum 1 in the graph.
 */
export interface ReaderWeights {
  scorer: FeatureRerankerWeights;
  vocabSize: number;
  dim: number;
  /** [V × dim] int8 rows and their scales. */
  table: Int8Array;
  scales: Float32Array;
  /** [2 × V]: question weights, then article weights (≥ 0). */
  tokenWeights: Float32Array;
}

/** The graph; `readingKernels` are the kernels (inference/reading.ts's READING_KERNELS, which the host's TypeScript forward uses too). */
export function readerModel(w: ReaderWeights, readingKernels: readonly { mu: number; sigma: number }[]): Uint8Array {
  const { vocabSize: V, dim: D } = w;
  const K = readingKernels.length;
  const F = w.scorer.features - (2 * K + 1);
  if (F < 0) throw new Error(`the scorer takes ${w.scorer.features} features; the reading part alone gives ${2 * K + 1}`);
  if (w.table.length !== V * D || w.scales.length !== V || w.tokenWeights.length !== 2 * V) throw new Error('the reader table does not match its vocabulary size');
  const scorer = featureScorer(w.scorer, 'all_features');
  const initializers: onnx.ITensorProto[] = [
    { name: 'T', dims: [V, D], dataType: INT8, rawData: new Uint8Array(w.table.buffer, w.table.byteOffset, w.table.byteLength) },
    floatTensor('T_scale', [V], w.scales),
    floatTensor('TW', [2 * V], w.tokenWeights),
    { name: 'V', dims: [], dataType: INT32, rawData: new Uint8Array(Int32Array.of(V).buffer) },
    int64Tensor('axis0', [1], BigInt64Array.of(0n)),
    int64Tensor('axis1', [1], BigInt64Array.of(1n)),
    int64Tensor('axis2', [1], BigInt64Array.of(2n)),
    floatTensor('zero', [], Float32Array.of(0)),
    floatTensor('eps', [], Float32Array.of(1e-12)),
    floatTensor('mu', [K], Float32Array.from(readingKernels, (k) => k.mu)),
    floatTensor('inv2s2', [K], Float32Array.from(readingKernels, (k) => -1 / (2 * k.sigma * k.sigma))),
    ...scorer.initializers,
  ];
  /** Weights tf · TW[offset + id], normalised over `axis` (an empty text stays all 0). */
  const weights = (prefix: string, ids: string, tf: string, axis: string): onnx.INodeProto[] => [
    node('Gather', ['TW', ids], [`${prefix}_tw`], { axis: 0 }),
    node('Mul', [`${prefix}_tw`, tf], [`${prefix}_raw`]),
    node('ReduceSum', [`${prefix}_raw`, axis], [`${prefix}_sum`], { keepdims: 1 }),
    node('Max', [`${prefix}_sum`, 'eps'], [`${prefix}_safe`]),
    node('Div', [`${prefix}_raw`, `${prefix}_safe`], [`${prefix}_w`]),
  ];
  /** Unit vectors of ids: int8 rows cast and scaled. */
  const vectors = (prefix: string, ids: string, scaleAxis: string): onnx.INodeProto[] => [
    node('Gather', ['T', ids], [`${prefix}_v8`], { axis: 0 }),
    node('Cast', [`${prefix}_v8`], [`${prefix}_vf`], { to: FLOAT }),
    node('Gather', ['T_scale', ids], [`${prefix}_s`], { axis: 0 }),
    node('Unsqueeze', [`${prefix}_s`, scaleAxis], [`${prefix}_s1`]),
    node('Mul', [`${prefix}_vf`, `${prefix}_s1`], [`${prefix}_v`]),
  ];
  /** Kernel pooling of x [B, n] with weights w ([n] or [B, n]) over n → [B, K]. */
  const kernels = (prefix: string, x: string, w: string, wAxes: string): onnx.INodeProto[] => [
    node('Unsqueeze', [x, 'axis2'], [`${prefix}_x3`]), // [B, n, 1]
    node('Sub', [`${prefix}_x3`, 'mu'], [`${prefix}_d`]), // [B, n, K]
    node('Mul', [`${prefix}_d`, `${prefix}_d`], [`${prefix}_d2`]),
    node('Mul', [`${prefix}_d2`, 'inv2s2'], [`${prefix}_e0`]),
    node('Exp', [`${prefix}_e0`], [`${prefix}_e`]),
    node('Unsqueeze', [w, wAxes], [`${prefix}_w3`]),
    node('Mul', [`${prefix}_e`, `${prefix}_w3`], [`${prefix}_we`]),
    node('ReduceSum', [`${prefix}_we`, 'axis1'], [prefix], { keepdims: 0 }), // [B, K]
  ];
  const nodes: onnx.INodeProto[] = [
    ...weights('q', 'query_ids', 'query_tf', 'axis0'), // q_w [q]
    node('Gather', ['doc_tokens', 'doc_slots'], ['doc_ids'], { axis: 0 }), // [B, a]
    node('Add', ['doc_ids', 'V'], ['doc_wids']),
    ...weights('d', 'doc_wids', 'doc_tf', 'axis1'), // d_w [B, a]
    ...vectors('qv', 'query_ids', 'axis1'), // qv_v [q, D]
    ...vectors('uv', 'doc_tokens', 'axis1'), // uv_v [u, D]
    node('Transpose', ['qv_v'], ['qv_t'], { perm: [1, 0] }), // [D, q]
    node('MatMul', ['uv_v', 'qv_t'], ['S_u']), // [u, q]
    node('Gather', ['S_u', 'doc_slots'], ['S'], { axis: 0 }), // [B, a, q]
    node('ReduceMax', ['S'], ['s_max'], { axes: [1], keepdims: 0 }), // [B, q]
    node('Max', ['s_max', 'zero'], ['s']),
    // An article token's best match in the question depends on the token alone: taken per distinct token, then gathered.
    node('ReduceMax', ['S_u'], ['t_u'], { axes: [1], keepdims: 0 }), // [u]
    node('Gather', ['t_u', 'doc_slots'], ['t_max'], { axis: 0 }), // [B, a]
    node('Max', ['t_max', 'zero'], ['t']),
    ...kernels('phi', 's', 'q_w', 'axis1'), // weights [q] → [q, 1]
    node('Mul', ['s', 'q_w'], ['s_w']),
    node('ReduceSum', ['s_w', 'axis1'], ['maxsim'], { keepdims: 1 }), // [B, 1]
    ...kernels('psi', 't', 'd_w', 'axis2'), // weights [B, a] → [B, a, 1]
    node('Concat', ['features', 'phi', 'maxsim', 'psi'], ['all_features'], { axis: 1 }),
    ...scorer.nodes,
  ];
  return encodeModel({
    name: 'lexbone-reader',
    inputs: [
      valueInfo('features', FLOAT, ['batch', F]),
      valueInfo('query_ids', INT32, ['query_tokens']),
      valueInfo('query_tf', FLOAT, ['query_tokens']),
      valueInfo('doc_tokens', INT32, ['distinct_tokens']),
      valueInfo('doc_slots', INT32, ['batch', 'doc_tokens']),
      valueInfo('doc_tf', FLOAT, ['batch', 'doc_tokens']),
    ],
    outputs: [valueInfo('score', FLOAT, ['batch', 1])],
    initializers,
    nodes,
  });
}

import { encodeModel, FLOAT, floatTensor, INT64, int64Tensor, int8RowTensors, node, valueInfo } from './graph';

/**
 * The built-in `lexbone-static` embedder as an ONNX graph:
 *   inputs  ids int64 [batch, tokens] (0 = padding), weights float [batch, tokens] (1 + ln tf; 0 for
 *           padding), kind int64 [batch] (0 query, 1 document)
 *   output  embedding float [batch, dim] = L2-normalise( Σ_t weights·w_kind[id]·E[id] )
 * E is the token embedding matrix [vocab, dim], stored as int8 with one float scale per row (E_scale,
 * folded into the token weight after the gather); w is a learned per-token weight, one row for
 * queries and one for documents ([2, vocab], flattened), so a layperson's word and a statute's
 * word can count differently.
 */
export interface StaticEmbedderWeights {
  vocabSize: number;
  dimension: number;
  /** [vocab × dim], row-major. */
  embeddings: Float32Array;
  /** [2 × vocab]: query weights then document weights. */
  tokenWeights: Float32Array;
}

export function staticEmbedderModel(w: StaticEmbedderWeights): Uint8Array {
  const { vocabSize: V, dimension: D } = w;
  if (w.embeddings.length !== V * D) throw new Error(`embeddings must be ${V}×${D}`);
  if (w.tokenWeights.length !== 2 * V) throw new Error(`tokenWeights must be 2×${V}`);
  return encodeModel({
    name: 'lexbone-static',
    inputs: [valueInfo('ids', INT64, ['batch', 'tokens']), valueInfo('weights', FLOAT, ['batch', 'tokens']), valueInfo('kind', INT64, ['batch'])],
    outputs: [valueInfo('embedding', FLOAT, ['batch', D])],
    initializers: [
      // int8 rows quarter the model file and the inference host's memory (16 MB instead of 64 MB
      // for 63k tokens × 256); a row's scale joins its token weight, the row is cast after the gather.
      ...int8RowTensors('E', 'E_scale', V, D, w.embeddings),
      floatTensor('W', [2 * V], w.tokenWeights),
      int64Tensor('V', [], BigInt64Array.of(BigInt(V))),
      int64Tensor('axis1', [1], BigInt64Array.of(1n)),
      int64Tensor('axis2', [1], BigInt64Array.of(2n)),
      floatTensor('eps', [], Float32Array.of(1e-12)),
    ],
    nodes: [
      node('Unsqueeze', ['kind', 'axis1'], ['kind_col']), // [B,1]
      node('Mul', ['kind_col', 'V'], ['offset']), // [B,1]
      node('Add', ['ids', 'offset'], ['widx']), // [B,L]
      node('Gather', ['W', 'widx'], ['tokw'], { axis: 0 }), // [B,L]
      node('Gather', ['E_scale', 'ids'], ['rowscale'], { axis: 0 }), // [B,L]
      node('Mul', ['tokw', 'weights'], ['tw']), // [B,L]
      node('Mul', ['tw', 'rowscale'], ['w']), // [B,L]
      node('Unsqueeze', ['w', 'axis2'], ['w3']), // [B,L,1]
      node('Gather', ['E', 'ids'], ['vecs8'], { axis: 0 }), // [B,L,D] int8
      node('Cast', ['vecs8'], ['vecs'], { to: FLOAT }),
      node('Mul', ['vecs', 'w3'], ['weighted']),
      node('ReduceSum', ['weighted', 'axis1'], ['summed'], { keepdims: 0 }), // [B,D]
      node('ReduceL2', ['summed'], ['norm'], { axes: [1], keepdims: 1 }), // [B,1]
      node('Max', ['norm', 'eps'], ['safe']),
      node('Div', ['summed', 'safe'], ['embedding']),
    ],
  });
}

import { encodeModel, FLOAT, floatTensor, node, valueInfo } from './graph';
import type { onnx } from 'onnx-proto';

/**
 * The built-in `lexbone-features` reranker as an ONNX graph: a one-hidden-layer network over a
 * candidate's feature vector (features are standardised in the graph with the training mean/std).
 *   input  features float [batch, F]
 *   output score float [batch, 1] = w2 · relu(W1 · (x − mean) / std + b1) + b2
 * With hidden = 0 it is linear: score = w · (x − mean) / std + b.
 */
export interface FeatureRerankerWeights {
  features: number;
  hidden: number;
  mean: Float32Array;
  std: Float32Array;
  /** hidden > 0: [F × H]; else unused (empty). */
  w1: Float32Array;
  b1: Float32Array;
  /** [H × 1], or [F × 1] when linear. */
  w2: Float32Array;
  b2: number;
}

/** The scoring network's nodes and weights, reading `input` [batch, F] and writing `score` [batch, 1]. */
export function featureScorer(w: FeatureRerankerWeights, input: string): { nodes: onnx.INodeProto[]; initializers: onnx.ITensorProto[] } {
  const F = w.features;
  const linear = w.hidden === 0;
  const inner = linear ? F : w.hidden;
  const nodes = [node('Sub', [input, 'mean'], ['centred']), node('Div', ['centred', 'std'], ['x'])];
  const initializers = [floatTensor('mean', [F], w.mean), floatTensor('std', [F], w.std), floatTensor('w2', [inner, 1], w.w2), floatTensor('b2', [1], Float32Array.of(w.b2))];
  if (linear) {
    nodes.push(node('MatMul', ['x', 'w2'], ['lin']), node('Add', ['lin', 'b2'], ['score']));
  } else {
    initializers.push(floatTensor('w1', [F, w.hidden], w.w1), floatTensor('b1', [w.hidden], w.b1));
    nodes.push(
      node('MatMul', ['x', 'w1'], ['h0']),
      node('Add', ['h0', 'b1'], ['h1']),
      node('Relu', ['h1'], ['h']),
      node('MatMul', ['h', 'w2'], ['lin']),
      node('Add', ['lin', 'b2'], ['score']),
    );
  }
  return { nodes, initializers };
}

export function featureRerankerModel(w: FeatureRerankerWeights): Uint8Array {
  return encodeModel({
    name: 'lexbone-features',
    inputs: [valueInfo('features', FLOAT, ['batch', w.features])],
    outputs: [valueInfo('score', FLOAT, ['batch', 1])],
    ...featureScorer(w, 'features'),
  });
}

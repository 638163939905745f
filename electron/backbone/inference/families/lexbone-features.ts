/**
 * lexbone-features: the built-in feature reranker (a small trained scorer over features the caller
 * computes per candidate — lexical score, dense similarity, …; the extraction belongs to the
 * trainer). Graph input features float32 [B, F] with F = featureNames.length; output score [B, 1]
 * or [B], returned as is (higher is better). score(query, documents) is refused: it needs features.
 */
import { createError } from '../../../contract/errors';
import { runInBatches } from '../batching';
import * as ort from 'onnxruntime-node';
import { float32, floats, Graph, type FamilyImpl } from './contract';

/**
 * What both feature families (this one and lexbone-reader) check at load: the `features` input
 * takes F entries, and the output is one score per candidate. Returns the output's name.
 */
export function scorerOutput(graph: Graph, F: number): string {
  graph.checkSize('number of features', F, graph.inputShape('features')?.[1]);
  const output = graph.output(['score']);
  const shape = graph.checkRank(output, [1, 2]);
  if (shape?.length === 2) graph.checkSize('number of scores per candidate', 1, shape[1]);
  return output;
}

/** A batch's scores from the output tensor ([B, 1] or [B]). */
export function batchScores(graph: Graph, out: ort.Tensor, output: string, B: number): number[] {
  if (out.data.length !== B) throw graph.mismatch(`the output ${output} has shape [${out.dims.join(', ')}]; expected [batch, 1] or [batch]`);
  return Array.from(floats(out));
}

/** Refuses a feature vector of the wrong length, naming the features the model takes. */
export function checkFeatureVectors(features: Float32Array[], featureNames: readonly string[], dir: string): void {
  const F = featureNames.length;
  features.forEach((f, i) => {
    if (f.length !== F) throw createError('INVALID_REQUEST', `feature vector ${i} for ${dir} has ${f.length} entries; the model takes ${F} (${featureNames.join(', ')})`);
  });
}

export const lexboneFeatures: FamilyImpl = {
  role: 'reranker',
  open(ctx) {
    const { manifest, limits, dir } = ctx;
    const featureNames = manifest.featureNames ?? [];
    const F = featureNames.length;
    const graph = new Graph(ctx, 'lexbone-features');
    graph.checkInputs(['features']);
    const output = scorerOutput(graph, F);

    async function runBatch(rows: Float32Array[]): Promise<number[]> {
      const data = new Float32Array(rows.length * F);
      rows.forEach((r, b) => data.set(r, b * F));
      const out = await graph.run({ features: float32(data, [rows.length, F]) }, output, rows.length);
      return batchScores(graph, out, output, rows.length);
    }

    return {
      featureNames,
      async score() {
        throw createError('MODEL_NEEDS_FEATURES', dir);
      },
      async scoreFeatures(features) {
        checkFeatureVectors(features, featureNames, dir);
        return runInBatches(
          features.map(() => 1),
          { ...limits, maxTokens: Number.MAX_SAFE_INTEGER },
          (indices) => runBatch(indices.map((i) => features[i]!)),
        );
      },
    };
  },
};

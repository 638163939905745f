/**
 * lexbone-features: the built-in feature reranker (a small trained scorer over features the caller
 * computes per candidate — lexical score, dense similarity, …; the extraction belongs to the
 * trainer). Graph input features float32 [B, F] with F = featureNames.length; output score [B, 1]
 * or [B], returned as is (higher is better). score(query, documents) is refused: it needs features.
 */
import { createError } from '../../../contract/errors';
import { runInBatches } from '../batching';
import { float32, floats, Graph, type FamilyImpl } from './contract';

export const lexboneFeatures: FamilyImpl = {
  role: 'reranker',
  open(ctx) {
    const { manifest, limits, dir } = ctx;
    const featureNames = manifest.featureNames ?? [];
    const F = featureNames.length;
    const graph = new Graph(ctx, 'lexbone-features');
    graph.checkInputs(['features']);
    graph.checkSize('number of features', F, graph.inputShape('features')?.[1]);
    const output = graph.output(['score']);
    const shape = graph.checkRank(output, [1, 2]);
    if (shape?.length === 2) graph.checkSize('number of scores per candidate', 1, shape[1]);

    async function runBatch(rows: Float32Array[]): Promise<number[]> {
      const data = new Float32Array(rows.length * F);
      rows.forEach((r, b) => data.set(r, b * F));
      const out = await graph.run({ features: float32(data, [rows.length, F]) }, output, rows.length);
      if (out.data.length !== rows.length) {
        throw graph.mismatch(`the output ${output} has shape [${out.dims.join(', ')}]; expected [batch, 1] or [batch]`);
      }
      return Array.from(floats(out));
    }

    return {
      featureNames,
      async score() {
        throw createError('MODEL_NEEDS_FEATURES', dir);
      },
      async scoreFeatures(features) {
        features.forEach((f, i) => {
          if (f.length !== F) {
            throw createError('INVALID_REQUEST', `feature vector ${i} for ${dir} has ${f.length} entries; the model takes ${F} (${featureNames.join(', ')})`);
          }
        });
        return runInBatches(
          features.map(() => 1),
          { ...limits, maxTokens: Number.MAX_SAFE_INTEGER },
          (indices) => runBatch(indices.map((i) => features[i]!)),
        );
      },
    };
  },
};

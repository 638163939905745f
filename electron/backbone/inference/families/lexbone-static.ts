/**
 * lexbone-static: the built-in static embedder (a trained table of term vectors). Tokenised by
 * static-vocab.ts; graph inputs ids int64 [B, L] and weights float32 [B, L] (padding: id 0, weight
 * 0), plus kind int64 [B] (0 query, 1 document) only when the graph declares it; output embedding
 * [B, D], pooled and normalised in the graph (re-normalised here if a norm is off).
 */
import * as ort from 'onnxruntime-node';
import { runInBatches } from '../batching';
import { outputDimension } from '../manifest';
import { l2Norm, row, truncateAndNormalize } from '../pooling';
import { StaticEncoder } from '../static-encoder';
import { loadStaticVocab, type StaticTerms } from '../static-vocab';
import type { TextKind } from '../types';
import { float32, floats, Graph, int64, type FamilyImpl } from './contract';

export const lexboneStatic: FamilyImpl = {
  role: 'embedder',
  open(ctx) {
    const { manifest, limits } = ctx;
    const graph = new Graph(ctx, 'lexbone-static');
    graph.checkInputs(['ids', 'weights'], ['kind']);
    const output = graph.output(['embedding']);
    graph.checkSize('dimension', manifest.dimension, graph.checkRank(output, [2])?.[1]);
    const vocab = loadStaticVocab(ctx.dir, manifest.files.vocab ?? 'vocab.json');
    const dimension = outputDimension(manifest)!;

    async function runBatch(items: StaticTerms[], kind: TextKind): Promise<Float32Array[]> {
      const B = items.length;
      const L = Math.max(1, ...items.map((t) => t.ids.length));
      const ids = new BigInt64Array(B * L);
      const weights = new Float32Array(B * L);
      items.forEach((t, b) => {
        t.ids.forEach((id, j) => {
          ids[b * L + j] = BigInt(id);
          weights[b * L + j] = t.weights[j]!;
        });
      });
      const feeds = {
        ids: int64(ids, [B, L]),
        weights: float32(weights, [B, L]),
        kind: int64(new BigInt64Array(B).fill(kind === 'query' ? 0n : 1n), [B]),
      };
      const out: ort.Tensor = await graph.run(feeds, output, B);
      if (out.dims.length !== 2) throw graph.mismatch(`the output ${output} has shape [${out.dims.join(', ')}]; expected [batch, dim]`);
      graph.checkSize('dimension', manifest.dimension, out.dims[1]);
      const data = floats(out);
      return items.map((_, b) => {
        const v = row(data, out.dims[1]!, b);
        const norm = l2Norm(v);
        // The graph normalises; only a truncation or an off norm needs the JS pass.
        return dimension < v.length || Math.abs(norm - 1) > 1e-4 ? truncateAndNormalize(v, dimension) : v;
      });
    }

    const encoder = new StaticEncoder(vocab);
    return {
      dimension,
      async embed(texts, kind) {
        const terms = texts.map((t) => encoder.encode(t, manifest.maxLength));
        return runInBatches(
          terms.map((t) => t.ids.length),
          limits,
          (indices) => runBatch(indices.map((i) => terms[i]!), kind),
        );
      },
    };
  },
};

/**
 * lexbone-reader: the built-in reranker that reads (onnx/reader-graph.ts). Like lexbone-features it
 * scores the caller's feature vectors, and it also compares the question and each candidate's text
 * token by token, so scoreFeatures needs `reading` (the question and the texts, in feature order).
 * Tokenised by static-vocab.ts with its own vocab.json; graph inputs features float [B, F],
 * query_ids int64 [q], query_tf float [q], doc_ids int64 [B, a], doc_tf float [B, a] (padding: id 0,
 * tf 0); output score [B, 1] or [B].
 */
import { createError } from '../../../contract/errors';
import { runInBatches } from '../batching';
import { READING_DOC_TOKENS, READING_QUERY_TOKENS } from '../reading';
import { encodeStatic, loadStaticVocab, type StaticTerms } from '../static-vocab';
import { float32, floats, Graph, int64, type FamilyImpl } from './contract';

export const lexboneReader: FamilyImpl = {
  role: 'reranker',
  open(ctx) {
    const { manifest, limits, dir } = ctx;
    const featureNames = manifest.featureNames ?? [];
    const F = featureNames.length;
    const graph = new Graph(ctx, 'lexbone-reader');
    graph.checkInputs(['features', 'query_ids', 'query_tf', 'doc_ids', 'doc_tf']);
    graph.checkSize('number of features', F, graph.inputShape('features')?.[1]);
    const output = graph.output(['score']);
    const shape = graph.checkRank(output, [1, 2]);
    if (shape?.length === 2) graph.checkSize('number of scores per candidate', 1, shape[1]);
    const vocab = loadStaticVocab(dir, manifest.files.vocab ?? 'vocab.json');

    /** Ids and tf of a text, at least one slot (an empty text is one padding token). */
    const terms = (text: string, max: number): StaticTerms => {
      const t = encodeStatic(text, vocab, max);
      return t.ids.length > 0 ? t : { ids: [0], weights: [0] };
    };

    async function runBatch(rows: Float32Array[], query: StaticTerms, docs: StaticTerms[]): Promise<number[]> {
      const B = rows.length;
      const features = new Float32Array(B * F);
      rows.forEach((r, b) => features.set(r, b * F));
      const L = Math.max(1, ...docs.map((d) => d.ids.length));
      const docIds = new BigInt64Array(B * L);
      const docTf = new Float32Array(B * L);
      docs.forEach((d, b) => d.ids.forEach((id, j) => {
        docIds[b * L + j] = BigInt(id);
        docTf[b * L + j] = d.weights[j]!;
      }));
      const feeds = {
        features: float32(features, [B, F]),
        query_ids: int64(BigInt64Array.from(query.ids, BigInt), [query.ids.length]),
        query_tf: float32(Float32Array.from(query.weights), [query.ids.length]),
        doc_ids: int64(docIds, [B, L]),
        doc_tf: float32(docTf, [B, L]),
      };
      const out = await graph.run(feeds, output, B);
      if (out.data.length !== B) throw graph.mismatch(`the output ${output} has shape [${out.dims.join(', ')}]; expected [batch, 1] or [batch]`);
      return Array.from(floats(out));
    }

    return {
      featureNames,
      reads: true,
      async score() {
        throw createError('MODEL_NEEDS_FEATURES', dir);
      },
      async scoreFeatures(features, reading) {
        if (!reading) throw createError('INVALID_REQUEST', `${dir} reads the question and the articles: pass their texts with the features`);
        if (reading.documents.length !== features.length) {
          throw createError('INVALID_REQUEST', `${features.length} feature vectors but ${reading.documents.length} texts for ${dir}`);
        }
        features.forEach((f, i) => {
          if (f.length !== F) throw createError('INVALID_REQUEST', `feature vector ${i} for ${dir} has ${f.length} entries; the model takes ${F} (${featureNames.join(', ')})`);
        });
        const query = terms(reading.query, READING_QUERY_TOKENS);
        const docs = reading.documents.map((d) => terms(d, READING_DOC_TOKENS));
        return runInBatches(
          docs.map((d) => d.ids.length),
          limits,
          (indices) => runBatch(indices.map((i) => features[i]!), query, indices.map((i) => docs[i]!)),
        );
      },
    };
  },
};

/**
 * lexbone-reader: the built-in reranker that reads (onnx/reader-graph.ts). Like lexbone-features it
 * scores the caller's feature vectors, and it also compares the question and each candidate's text
 * token by token, so scoreFeatures needs `reading` (the question and the texts, in feature order).
 * Tokenised by static-vocab.ts with its own vocab.json; graph inputs features float [B, F],
 * query_ids int32 [q], query_tf float [q], doc_tokens int32 [u] (the batch's distinct ids, 0 first),
 * doc_slots int32 [B, a] (indices into doc_tokens), doc_tf float [B, a] (padding: slot 0, tf 0);
 * output score [B, 1] or [B].
 */
import { createError } from '../../../contract/errors';
import { runInBatches } from '../batching';
import { READING_DOC_TOKENS, READING_QUERY_TOKENS } from '../reading';
import { StaticEncoder } from '../static-encoder';
import { loadStaticVocab } from '../static-vocab';
import { float32, Graph, int32, type FamilyImpl } from './contract';
import { batchScores, checkFeatureVectors, scorerOutput } from './lexbone-features';

/** A text's distinct token ids and their tf (1 + ln count). */
interface Terms {
  ids: Int32Array;
  tf: Float32Array;
}

/** Article texts whose tokens are kept (least recently used dropped first): ≈ 5 MB at most. */
const DOC_CACHE = 4096;

export const lexboneReader: FamilyImpl = {
  role: 'reranker',
  open(ctx) {
    const { manifest, limits, dir } = ctx;
    const featureNames = manifest.featureNames ?? [];
    const F = featureNames.length;
    const graph = new Graph(ctx, 'lexbone-reader');
    graph.checkInputs(['features', 'query_ids', 'query_tf', 'doc_tokens', 'doc_slots', 'doc_tf']);
    const output = scorerOutput(graph, F);
    const vocab = loadStaticVocab(dir, manifest.files.vocab ?? 'vocab.json');
    // Batches of up to 64 articles: similarities are computed once per distinct token of a batch,
    // and a bigger batch shares more words and pays ORT's per-run cost fewer times (60 candidates
    // in one run: 2.4 ms against 2.8 ms in four; S is [batch × 256 × 64] floats, 4 MB at 64).
    const batchLimits = { maxBatch: Math.max(limits.maxBatch, 64), maxTokens: Math.max(limits.maxTokens, 64 * READING_DOC_TOKENS) };

    /** Ids and tf of a text as typed arrays, at least one slot (an empty text is one padding token). */
    const encoder = new StaticEncoder(vocab);
    const terms = (text: string, max: number): Terms => {
      const t = encoder.encode(text, max);
      return t.ids.length > 0 ? { ids: Int32Array.from(t.ids), tf: Float32Array.from(t.weights) } : { ids: Int32Array.of(0), tf: Float32Array.of(0) };
    };
    // Articles come back query after query (the same statutes answer many questions): their
    // tokens are kept for the last DOC_CACHE texts (bench, 300 STARD questions: reranking 300
    // candidates p50 41.7 → 33.3 ms, p95 53.4 → 45.6 ms).
    const docTerms = new Map<string, Terms>();
    const articleTerms = (text: string): Terms => {
      let t = docTerms.get(text);
      if (t) {
        docTerms.delete(text);
      } else {
        t = terms(text, READING_DOC_TOKENS);
        if (docTerms.size >= DOC_CACHE) docTerms.delete(docTerms.keys().next().value!);
      }
      docTerms.set(text, t);
      return t;
    };
    // A batch's distinct tokens get slots 1, 2, … (0 is padding); slotOf[id] is valid while
    // stampOf[id] equals the batch's stamp, so nothing is cleared between batches.
    const slotOf = new Int32Array(vocab.size);
    const stampOf = new Uint32Array(vocab.size);
    let stamp = 0;

    async function runBatch(rows: Float32Array[], query: Terms, docs: Terms[]): Promise<number[]> {
      const B = rows.length;
      const features = new Float32Array(B * F);
      rows.forEach((r, b) => features.set(r, b * F));
      let L = 1;
      for (const d of docs) L = Math.max(L, d.ids.length);
      stamp++;
      const tokens: number[] = [0];
      const slots = new Int32Array(B * L);
      const docTf = new Float32Array(B * L);
      for (let b = 0; b < B; b++) {
        const { ids, tf } = docs[b]!;
        docTf.set(tf, b * L);
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j]!;
          if (id === 0) continue;
          if (stampOf[id] !== stamp) {
            stampOf[id] = stamp;
            slotOf[id] = tokens.length;
            tokens.push(id);
          }
          slots[b * L + j] = slotOf[id]!;
        }
      }
      const feeds = {
        features: float32(features, [B, F]),
        query_ids: int32(query.ids, [query.ids.length]),
        query_tf: float32(query.tf, [query.ids.length]),
        doc_tokens: int32(Int32Array.from(tokens), [tokens.length]),
        doc_slots: int32(slots, [B, L]),
        doc_tf: float32(docTf, [B, L]),
      };
      return batchScores(graph, await graph.run(feeds, output, B), output, B);
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
        checkFeatureVectors(features, featureNames, dir);
        const query = terms(reading.query, READING_QUERY_TOKENS);
        const docs = reading.documents.map(articleTerms);
        return runInBatches(
          docs.map((d) => d.ids.length),
          batchLimits,
          (indices) => runBatch(indices.map((i) => features[i]!), query, indices.map((i) => docs[i]!)),
        );
      },
    };
  },
};

/**
 * What the `lexbone-reader` reranker reads: the question and an article as token vectors, compared
 * token by token. Shared by the inference family (which feeds the ONNX graph) and the trainer
 * (which computes the same numbers in TypeScript, `readingFeatures`), so both tokenise alike.
 *
 * For question tokens q_i (weights w_i, Σ w = 1) and article tokens a_j (weights v_j, Σ v = 1),
 * with unit token vectors, S_ij = cos(q_i, a_j):
 *  - question side (late interaction, MaxSim): s_i = max(0, max_j S_ij), pooled by Gaussian kernels
 *    φ_k = Σ_i w_i · exp(−(s_i − μ_k)² / 2σ_k²), and the weighted mean Σ_i w_i s_i;
 *  - article side: t_j = max(0, max_i S_ij), pooled the same way over the article's tokens (ψ_k).
 * (The floor at 0 is the graph's zero padding vector; an empty text reads as all zeros.)
 * The kernels count how much of the question the article answers exactly (μ = 1), nearly (0.8, 0.6)
 * or not at all, and how much of the article is about the question.
 */
import { encodeStatic, type StaticVocab } from './static-vocab';

/** Kernel centres and widths (the first is exact match). */
export const READING_KERNELS: readonly { mu: number; sigma: number }[] = [
  { mu: 1, sigma: 1e-3 },
  { mu: 0.8, sigma: 0.1 },
  { mu: 0.6, sigma: 0.1 },
  { mu: 0.4, sigma: 0.1 },
  { mu: 0.2, sigma: 0.1 },
  { mu: 0, sigma: 0.1 },
];
/** Question and article tokens read at most (the heaviest are kept, see encodeStatic). */
export const READING_QUERY_TOKENS = 64;
export const READING_DOC_TOKENS = 256;

/** Names of the reading features, in the order the graph appends them to the given features. */
export const READING_FEATURE_NAMES: readonly string[] = [
  ...READING_KERNELS.map((_, k) => `reading_question_k${k}`),
  'reading_question_maxsim',
  ...READING_KERNELS.map((_, k) => `reading_article_k${k}`),
];

/** What the reader reads of a candidate article: its headings, then its text. */
export function readingText(c: { path: readonly string[]; text: string }): string {
  return [...c.path, c.text].join(' ');
}

/** A reader's token table: unit rows [V × dim] and per-token weights for questions and articles. */
export interface ReadingTable {
  vocab: StaticVocab;
  dim: number;
  /** [V × dim], each row of unit length (row 0, padding, is zero). */
  vectors: Float32Array;
  /** [2 × V]: question weights, then article weights (≥ 0). */
  tokenWeights: Float32Array;
}

export interface ReadTokens {
  ids: number[];
  /** Normalised to sum 1 (all 0 when no token has weight). */
  weights: number[];
}

/** A text's distinct vocabulary tokens and their normalised weights tf · w[kind, id]. */
function readTokens(text: string, table: Pick<ReadingTable, 'vocab' | 'tokenWeights'>, kind: 0 | 1): ReadTokens {
  const max = kind === 0 ? READING_QUERY_TOKENS : READING_DOC_TOKENS;
  const V = table.vocab.size;
  const t = encodeStatic(text, table.vocab, max);
  const weights = t.ids.map((id, i) => t.weights[i]! * Math.max(0, table.tokenWeights[kind * V + id]!));
  const sum = weights.reduce((s, w) => s + w, 0);
  return { ids: t.ids, weights: weights.map((w) => (sum > 0 ? w / sum : 0)) };
}

const kernel = (x: number, k: { mu: number; sigma: number }) => Math.exp(-((x - k.mu) ** 2) / (2 * k.sigma * k.sigma));

/**
 * The reading features of each document for the query (READING_FEATURE_NAMES order), computed in
 * float32 products like the graph. Token similarities are cached per distinct document token, so
 * a list of candidates sharing words costs little more than one.
 */
export function readingFeatures(table: ReadingTable, query: string, documents: readonly string[]): Float32Array[] {
  const q = readTokens(query, table, 0);
  const D = table.dim;
  const Lq = q.ids.length;
  const cache = new Map<number, Float32Array>();
  const simsOf = (id: number): Float32Array => {
    let s = cache.get(id);
    if (!s) {
      s = new Float32Array(Lq);
      const a = id * D;
      for (let i = 0; i < Lq; i++) {
        const b = q.ids[i]! * D;
        let dot = 0;
        for (let d = 0; d < D; d++) dot += table.vectors[a + d]! * table.vectors[b + d]!;
        s[i] = dot;
      }
      cache.set(id, s);
    }
    return s;
  };
  const K = READING_KERNELS.length;
  return documents.map((text) => {
    const doc = readTokens(text, table, 1);
    const out = new Float32Array(2 * K + 1);
    const best = new Float32Array(Lq);
    doc.ids.forEach((id, j) => {
      const s = simsOf(id);
      let t = 0;
      for (let i = 0; i < Lq; i++) {
        if (s[i]! > best[i]!) best[i] = s[i]!;
        if (s[i]! > t) t = s[i]!;
      }
      const v = doc.weights[j]!;
      for (let k = 0; k < K; k++) out[K + 1 + k] += v * kernel(t, READING_KERNELS[k]!);
    });
    for (let i = 0; i < Lq; i++) {
      const w = q.weights[i]!;
      const s = best[i]!;
      for (let k = 0; k < K; k++) out[k] += w * kernel(s, READING_KERNELS[k]!);
      out[K] += w * s;
    }
    return out;
  });
}

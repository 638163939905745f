import type { StaticVocab } from '../inference/static-vocab';
import { encodeForTraining, normalise, pool, type EmbedderParams } from './embedder-params';

/**
 * Validation of an embedder in training, without ONNX: embeds every document with the current
 * parameters into one matrix and ranks all of them for each query by brute force. Also returns
 * each query's ranked ids, for mining hard negatives.
 */
export class DenseEvaluator {
  private matrix = new Float32Array(0);

  constructor(
    private readonly vocab: StaticVocab,
    private readonly docs: { id: number; text: string }[],
    private readonly maxLength: number,
  ) {}

  /** Re-embeds all documents (call after the parameters changed). */
  refresh(p: EmbedderParams): void {
    const D = p.dimension;
    if (this.matrix.length !== this.docs.length * D) this.matrix = new Float32Array(this.docs.length * D);
    const u = new Float64Array(D);
    const v = new Float64Array(D);
    this.docs.forEach((d, i) => {
      pool(p, encodeForTraining(d.text, this.vocab, this.maxLength), 1, u);
      normalise(u, v);
      for (let k = 0; k < D; k++) this.matrix[i * D + k] = v[k]!;
    });
  }

  /** Top-k document ids for a query, best first. */
  rank(p: EmbedderParams, query: string, k: number): number[] {
    return this.search(p, query, k).map((h) => h.articleId);
  }

  /** Top-k documents for a query with their cosine similarity, best first. */
  search(p: EmbedderParams, query: string, k: number): { articleId: number; score: number }[] {
    const D = p.dimension;
    const u = new Float64Array(D);
    const q = new Float64Array(D);
    pool(p, encodeForTraining(query, this.vocab, this.maxLength), 0, u);
    normalise(u, q);
    const n = this.docs.length;
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * D;
      for (let d = 0; d < D; d++) s += this.matrix[o + d]! * q[d]!;
      scores[i] = s;
    }
    return topK(scores, k).map((i) => ({ articleId: this.docs[i]!.id, score: scores[i]! }));
  }
}

/** Indices of the k largest values, best first (a small min-heap over one pass). */
export function topK(scores: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a]! < scores[b]!;
  for (let i = 0; i < scores.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!less(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (less(heap[0]!, i)) {
      heap[0] = i;
      for (let c = 0; ; ) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]!);
}

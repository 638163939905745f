import type { LexicalHit } from './lexical-search';

/**
 * FTS5's bm25() over the current-law index, recomputed in memory: the same formula (k1 = 1.2,
 * b = 0.75, idf = ln((N − n + 0.5)/(n + 0.5)) floored at 1e-6, per-column weights, document length
 * = all columns) in the same order of operations, so scores are the same doubles as SQLite's and
 * rankings identical. FTS5 spends ~15 ms per question on bm25() for every row matching any of up to
 * 32 OR'ed bigrams; this walks the same postings in ~1–2 ms, which is what lets one server thread
 * answer more than 100 searches a second.
 *
 * What it holds: for each token found in at most `dfLimit` current articles (the only ones loose
 * queries keep), its postings (article, count in body, head and anchor). Document lengths and row
 * count come from FTS5's own docsize table, so they are FTS5's numbers even where its tokenizer
 * would split a rare character differently from ours.
 *
 * When it answers: only while the FTS index is the one it was built from (`stamp`: FTS5's
 * averages and structure records, which change with every committed write to the index), and only
 * for tokens whose document frequency equals FTS5's own (the caller passes it from fts5vocab); the
 * caller uses FTS5 otherwise (phrases, superseded versions, filters, a store changed since).
 * Built by memory-bm25-build.ts.
 */

export interface MemoryBm25Data {
  stamp: string;
  dfLimit: number;
  weights: Bm25Weights;
  /** FTS5's N (its averages record) and average document length, for idf and length normalisation. */
  rowCount: number;
  avgdl: number;
  /** Documents held (rows of the docsize table). */
  docs: number;
  /** Per document (index): article id and length in tokens, all columns. */
  docIds: Int32Array;
  docLen: Float64Array;
  /** Every token of fts5vocab → its number; per number its document frequency as fts5vocab reports
   * it (looking it up there costs ∝ df), and where its postings start (−1: not held). */
  tokens: Map<string, number>;
  tokenDf: Int32Array;
  tokenStart: Int32Array;
  /** Postings, grouped by token, documents ascending: the document (index) … */
  postDoc: Uint16Array | Int32Array;
  /** … and its counts in body, head and anchor as one class number (tfWeight). */
  postTf: Uint8Array | Uint16Array;
  /** Per class: f = Σ column weight per instance, summed as FTS5 sums it (body, head, anchor). */
  tfWeight: Float64Array;
  scratch?: { scores: Float64Array; seen: Uint8Array };
}

/** fts5vocab's document frequency of a token (0: not in the index), from the mirror. */
export function mirrorDf(m: MemoryBm25Data, token: string): number {
  const i = m.tokens.get(token);
  return i === undefined ? 0 : m.tokenDf[i]!;
}

/** Bytes held by the mirror's arrays (the token map's keys and entries not counted), for reports. */
export function mirrorBytes(m: MemoryBm25Data): number {
  return [m.docIds, m.docLen, m.tokenDf, m.tokenStart, m.postDoc, m.postTf, m.tfWeight].reduce((a, x) => a + x.byteLength, 0);
}

export const K1 = 1.2;
export const B = 0.75;

/** Column weights of bm25(), in the FTS table's column order. */
export interface Bm25Weights {
  body: number;
  head: number;
  anchor: number;
}

/**
 * The best `limit` (after `offset`) current articles for OR'ed single-token phrases, scored as FTS5
 * would: `tokens` in the order of the MATCH expression, each with FTS5's document frequency.
 * Null when a token is not held or its frequency differs (the caller then asks FTS5).
 */
export function searchMemoryBm25(m: MemoryBm25Data, tokens: { t: string; df: number }[], limit: number, offset: number): LexicalHit[] | null {
  const lists: { start: number; df: number; idf: number }[] = [];
  for (const { t, df } of tokens) {
    const i = m.tokens.get(t);
    if (i === undefined || m.tokenStart[i]! < 0 || m.tokenDf[i] !== df) return null;
    let idf = Math.log((m.rowCount - df + 0.5) / (df + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    lists.push({ start: m.tokenStart[i]!, df, idf });
  }
  // Scratch buffers, reused (search is synchronous) and cleared below for the documents touched.
  const scores = (m.scratch ??= { scores: new Float64Array(m.docs), seen: new Uint8Array(m.docs) }).scores;
  const seen = m.scratch.seen;
  const touched: number[] = [];
  const { postDoc, postTf, tfWeight, docLen } = m;
  for (const l of lists) {
    for (let i = l.start, end = l.start + l.df; i < end; i++) {
      const doc = postDoc[i]!;
      const f = tfWeight[postTf[i]!]!;
      const D = docLen[doc]!;
      scores[doc] = scores[doc]! + l.idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / m.avgdl)));
      if (!seen[doc]) {
        seen[doc] = 1;
        touched.push(doc);
      }
    }
  }
  const want = limit + offset;
  const top = topByScore(touched, scores, m.docIds, want);
  const hits = top.slice(offset).map((doc) => ({ articleId: m.docIds[doc]!, score: scores[doc]! }));
  for (const doc of touched) {
    scores[doc] = 0;
    seen[doc] = 0;
  }
  return hits;
}

/** The `n` best documents by score (ties: lower article id first), best first; a bounded heap. */
function topByScore(docs: number[], scores: Float64Array, ids: Int32Array, n: number): number[] {
  if (n <= 0) return [];
  // worse(a, b): a ranks below b.
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && ids[a]! > ids[b]!);
  const heap: number[] = []; // min-heap: heap[0] is the worst kept
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l;
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (const d of docs) {
    if (heap.length < n) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (worse(heap[0]!, d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

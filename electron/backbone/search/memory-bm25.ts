import type { Database } from 'better-sqlite3';
import { CURRENT_FTS } from '../store/fts-tables';
import { forEachToken } from '../text/bigrams';
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

/** Building: work between two turns of the event loop. */
const SLICE_MS = 50;
/** The fts5vocab table over CURRENT_FTS (migration 1). */
const CURRENT_VOCAB = 'articles_vocab';
const K1 = 1.2;
const B = 0.75;

/** FTS5's own record of the index's state: changes with every write committed to it. */
export function ftsStamp(db: Database): string {
  const rows = db.prepare(`SELECT id, hex(block) AS h FROM ${CURRENT_FTS}_data WHERE id IN (1, 10) ORDER BY id`).all() as { id: number; h: string }[];
  return rows.map((r) => `${r.id}:${r.h}`).join('|');
}

/** SQLite varints (as FTS5 writes docsize): the column sizes of one row. */
function varints(blob: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < blob.length) {
    let v = 0;
    for (let n = 0; ; n++) {
      const byte = blob[i++]!;
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    out.push(v);
  }
  return out;
}

/** Column weights of bm25(), in the FTS table's column order. */
export interface Bm25Weights {
  body: number;
  head: number;
  anchor: number;
}

export interface BuildChunk {
  /** Reads the next rows after `afterId` (ascending), at most `limit`. */
  (afterId: number, limit: number): { id: number; sz: Buffer; text: string | null; path: string | null; short: string | null; anchor: string | null }[];
}

/** Rows of the current FTS index with their source text, in chunks (one short read each). */
export function chunkReader(db: Database): BuildChunk {
  const s = db.prepare(
    `SELECT d.id, d.sz, a.text, a.path, l.short_title AS short, coalesce(x.text, '') AS anchor FROM ${CURRENT_FTS}_docsize d
     LEFT JOIN articles a ON a.id = d.id LEFT JOIN laws l ON l.id = a.law_id LEFT JOIN article_anchors x ON x.article_id = d.id
     WHERE d.id > ? ORDER BY d.id LIMIT ?`,
  );
  return (afterId, limit) => s.all(afterId, limit) as ReturnType<BuildChunk>;
}

/**
 * Builds the index in chunks, yielding between them (`pause`), and returns null when the FTS index
 * changed meanwhile, cannot be mirrored (a row without its article), or `stopped()` says so.
 *
 * Memory: fts5vocab is read first, so each held token's postings are allocated once at their final
 * size (the document frequencies FTS5 reports) and the documents are written straight into them;
 * nothing is grouped or copied afterwards. A token whose documents, as tokenised here, are not
 * exactly FTS5's count (another tokenizer's split) is simply not held.
 */
export async function buildMemoryBm25(
  db: Database,
  opts: {
    dfLimit: number; weights: Bm25Weights; chunk?: number; sliceMs?: number; pause?: () => Promise<void>; stopped?: () => boolean;
    /** Documents are numbered in 2 bytes while there are at most this many (default 65,536; tests lower it). */
    maxCompactDocs?: number;
  },
): Promise<MemoryBm25Data | null> {
  const stamp = ftsStamp(db);
  const read = chunkReader(db);
  // Work in slices of about SLICE_MS, then give the event loop a turn (requests waiting on a busy
  // server each take their turn before the next slice, so the slices are long).
  let slice = performance.now();
  const yieldIfDue = async () => {
    if (performance.now() - slice < (opts.sliceMs ?? SLICE_MS)) return;
    await opts.pause?.();
    slice = performance.now();
  };
  // fts5vocab counts each token's documents by walking its postings (all of them: seconds for the
  // whole vocabulary), so it is read in ranges of terms with the event loop free in between.
  const tokens = new Map<string, number>();
  let dfs: number[] = [];
  const vocabRange = db.prepare(`SELECT term, doc FROM ${CURRENT_VOCAB} WHERE term > ? ORDER BY term LIMIT ?`).raw();
  for (let after = ''; ; ) {
    if (opts.stopped?.()) return null;
    const rows = vocabRange.all(after, (opts.chunk ?? 2000) * 4) as [string, number][];
    if (rows.length === 0) break;
    for (const [term, doc] of rows) {
      tokens.set(term, dfs.length);
      dfs.push(doc);
    }
    after = rows[rows.length - 1]![0];
    await yieldIfDue();
  }
  const tokenDf = Int32Array.from(dfs);
  dfs = [];
  // Held tokens (in at most dfLimit documents): their postings' places.
  const tokenStart = new Int32Array(tokenDf.length);
  let size = 0;
  for (let t = 0; t < tokenDf.length; t++) {
    if (tokenDf[t]! > opts.dfLimit) tokenStart[t] = -1;
    else {
      tokenStart[t] = size;
      size += tokenDf[t]!;
    }
  }
  const fill = tokenStart.slice();
  const docCount = (db.prepare(`SELECT count(*) FROM ${CURRENT_FTS}_docsize`).pluck().get() as number);
  const docIds = new Int32Array(docCount);
  const docLen = new Float64Array(docCount);
  // Document numbers in 2 bytes while they fit (the bundled corpus: 58k documents).
  const postDoc = docCount <= (opts.maxCompactDocs ?? 65536) ? new Uint16Array(size) : new Int32Array(size);
  let postTf: Uint8Array | Uint16Array = new Uint8Array(size);
  // Distinct (body, head, anchor) counts: a few hundred classes, each posting keeps its number.
  const smallClass = new Int32Array(64 * 16 * 32).fill(-1);
  const classOf = new Map<number, number>();
  const classCounts: [number, number, number][] = [];
  let docs = 0;
  // Per document: the held tokens met and their counts per column, in arrays reused from one
  // document to the next (a token's slot is valid while its stamp is the document's), so the pass
  // allocates nothing per document but the token strings.
  const stampOf = new Int32Array(tokenDf.length).fill(-1);
  const slotOf = new Int32Array(tokenDf.length);
  let seenTok = new Int32Array(1024);
  let counts = { body: new Uint16Array(1024), head: new Uint16Array(1024), anchor: new Uint16Array(1024) };
  let seen = 0;
  let doc = -1;
  let col = counts.body;
  let column: 'body' | 'head' | 'anchor' = 'body';
  const count = (tok: string) => {
    const t = tokens.get(tok);
    if (t === undefined || tokenStart[t]! < 0) return;
    let at: number;
    if (stampOf[t] === doc) at = slotOf[t]!;
    else {
      if (seen === seenTok.length) {
        const grown = (a: Uint16Array) => {
          const b = new Uint16Array(a.length * 2);
          b.set(a);
          return b;
        };
        const more = new Int32Array(seenTok.length * 2);
        more.set(seenTok);
        seenTok = more;
        counts = { body: grown(counts.body), head: grown(counts.head), anchor: grown(counts.anchor) };
        col = counts[column];
      }
      stampOf[t] = doc;
      slotOf[t] = at = seen++;
      seenTok[at] = t;
      counts.body[at] = counts.head[at] = counts.anchor[at] = 0;
    }
    if (col[at]! < 65535) col[at]!++;
  };
  const add = (text: string, c: 'body' | 'head' | 'anchor') => {
    column = c;
    col = counts[c];
    forEachToken(text, count);
  };
  for (let after = 0; ; ) {
    if (opts.stopped?.()) return null;
    const rows = read(after, opts.chunk ?? 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.text === null || r.path === null || r.short === null) return null;
      if (docs === docCount) return null; // rows were added meanwhile
      doc = docs++;
      docIds[doc] = r.id;
      docLen[doc] = varints(r.sz).reduce((a, x) => a + x, 0);
      seen = 0;
      add(r.text, 'body');
      add([r.short, ...(JSON.parse(r.path) as string[])].join(' '), 'head');
      if (r.anchor) add(r.anchor, 'anchor');
      for (let i = 0; i < seen; i++) {
        const t = seenTok[i]!;
        const at = fill[t]!;
        // More documents than FTS5 counts: the token's split differs; it is dropped below.
        if (at - tokenStart[t]! >= tokenDf[t]!) {
          fill[t] = at + 1;
          continue;
        }
        const b = counts.body[i]!;
        const h = counts.head[i]!;
        const a = counts.anchor[i]!;
        // Small counts (nearly all) look their class up in a flat table, the others in a map.
        const small = b < 64 && h < 16 && a < 32 ? (b * 16 + h) * 32 + a : -1;
        let c = small >= 0 ? smallClass[small]! : (classOf.get((b * 65536 + h) * 65536 + a) ?? -1);
        if (c < 0) {
          c = classCounts.length;
          if (small >= 0) smallClass[small] = c;
          else classOf.set((b * 65536 + h) * 65536 + a, c);
          classCounts.push([b, h, a]);
          if (c === 256) postTf = Uint16Array.from(postTf);
          if (c === 65536) return null; // never met: counts are small
        }
        postDoc[at] = doc;
        postTf[at] = c;
        fill[t] = at + 1;
      }
    }
    after = rows[rows.length - 1]!.id;
    await yieldIfDue();
  }
  if (docs !== docCount || ftsStamp(db) !== stamp) return null;
  // A token is held only if its documents here are exactly FTS5's count.
  for (let t = 0; t < tokenDf.length; t++) if (tokenStart[t]! >= 0 && fill[t]! - tokenStart[t]! !== tokenDf[t]) tokenStart[t] = -1;
  // bm25()'s N and average length come from FTS5's averages record (row count, then tokens per
  // column), which need not equal the live rows: contentless_delete leaves it as it was.
  const averages = db.prepare(`SELECT block FROM ${CURRENT_FTS}_data WHERE id = 1`).get() as { block: Buffer } | undefined;
  if (!averages) return null;
  const [rowCount, ...columnTokens] = varints(averages.block);
  if (!rowCount || columnTokens.length !== 3) return null;
  // f as FTS5's aFreq sums it: the column weight once per instance, body instances first.
  const { body: wb, head: wh, anchor: wa } = opts.weights;
  const tfWeight = Float64Array.from(classCounts, ([b, h, a]) => {
    let f = 0;
    for (let n = b; n > 0; n--) f += wb;
    for (let n = h; n > 0; n--) f += wh;
    for (let n = a; n > 0; n--) f += wa;
    return f;
  });
  return {
    stamp, dfLimit: opts.dfLimit, weights: opts.weights, rowCount, avgdl: columnTokens.reduce((a, b) => a + b, 0) / rowCount, docs,
    docIds, docLen, tokens, tokenDf, tokenStart, postDoc, postTf, tfWeight,
  };
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

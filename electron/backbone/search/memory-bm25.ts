import type { Database } from 'better-sqlite3';
import { CURRENT_FTS } from '../store/fts-tables';
import { tokenize } from '../text/bigrams';
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
  terms: Map<string, { start: number; df: number }>;
  /** Every token's document frequency as fts5vocab reports it (looking it up there costs ∝ df). */
  vocab: Map<string, number>;
  postDoc: Int32Array;
  postBody: Uint16Array;
  postHead: Uint16Array;
  postAnchor: Uint16Array;
  scratch?: { scores: Float64Array; seen: Uint8Array };
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
 */
export async function buildMemoryBm25(
  db: Database,
  opts: { dfLimit: number; weights: Bm25Weights; chunk?: number; sliceMs?: number; pause?: () => Promise<void>; stopped?: () => boolean },
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
  const ids: number[] = [];
  const lens: number[] = [];
  // Postings as they are met, in document order, one record per (token, document): typed arrays
  // grown by doubling, so 4–5 million records cost ~60 MB instead of JS arrays' several hundred.
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  let rec = {
    term: new Int32Array(1 << 16), doc: new Int32Array(1 << 16),
    body: new Uint16Array(1 << 16), head: new Uint16Array(1 << 16), anchor: new Uint16Array(1 << 16),
  };
  let n = 0;
  const grow = () => {
    const size = rec.term.length * 2;
    const next = {
      term: new Int32Array(size), doc: new Int32Array(size),
      body: new Uint16Array(size), head: new Uint16Array(size), anchor: new Uint16Array(size),
    };
    next.term.set(rec.term); next.doc.set(rec.doc); next.body.set(rec.body); next.head.set(rec.head); next.anchor.set(rec.anchor);
    rec = next;
  };
  const local = new Map<number, number>(); // term id → its record for the current document
  const add = (text: string, doc: number, column: 'body' | 'head' | 'anchor') => {
    for (const tok of tokenize(text)) {
      let id = termIds.get(tok.text);
      if (id === undefined) {
        termIds.set(tok.text, (id = termNames.length));
        termNames.push(tok.text);
      }
      let at = local.get(id);
      if (at === undefined) {
        if (n === rec.term.length) grow();
        at = n++;
        local.set(id, at);
        rec.term[at] = id;
        rec.doc[at] = doc;
        rec.body[at] = 0;
        rec.head[at] = 0;
        rec.anchor[at] = 0;
      }
      const col = rec[column];
      col[at] = Math.min(65535, col[at]! + 1);
    }
  };
  for (let after = 0; ; ) {
    if (opts.stopped?.()) return null;
    const rows = read(after, opts.chunk ?? 2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.text === null || r.path === null || r.short === null) return null;
      const doc = ids.length;
      ids.push(r.id);
      lens.push(varints(r.sz).reduce((a, x) => a + x, 0));
      local.clear();
      add(r.text, doc, 'body');
      add([r.short, ...(JSON.parse(r.path) as string[])].join(' '), doc, 'head');
      if (r.anchor) add(r.anchor, doc, 'anchor');
    }
    after = rows[rows.length - 1]!.id;
    await yieldIfDue();
  }
  // fts5vocab counts each token's documents by walking its postings (all of them: seconds for the
  // whole vocabulary), so it is read in ranges of terms with the event loop free in between.
  const vocab = new Map<string, number>();
  const vocabRange = db.prepare(`SELECT term, doc FROM ${CURRENT_VOCAB} WHERE term > ? ORDER BY term LIMIT ?`).raw();
  for (let after = ''; ; ) {
    if (opts.stopped?.()) return null;
    const rows = vocabRange.all(after, (opts.chunk ?? 2000) * 4) as [string, number][];
    if (rows.length === 0) break;
    for (const [term, doc] of rows) vocab.set(term, doc);
    after = rows[rows.length - 1]![0];
    await yieldIfDue();
  }
  if (ftsStamp(db) !== stamp) return null;
  // bm25()'s N and average length come from FTS5's averages record (row count, then tokens per
  // column), which need not equal the live rows: contentless_delete leaves it as it was.
  const averages = db.prepare(`SELECT block FROM ${CURRENT_FTS}_data WHERE id = 1`).get() as { block: Buffer } | undefined;
  if (!averages) return null;
  const [rowCount, ...columnTokens] = varints(averages.block);
  if (!rowCount || columnTokens.length !== 3) return null;
  // Group the records by token (a counting sort keeps each token's documents in ascending order),
  // keeping only tokens in at most dfLimit documents.
  const df = new Int32Array(termNames.length);
  for (let i = 0; i < n; i++) df[rec.term[i]!]!++;
  const start = new Int32Array(termNames.length);
  const terms = new Map<string, { start: number; df: number }>();
  let size = 0;
  termNames.forEach((t, id) => {
    start[id] = size;
    if (df[id]! > opts.dfLimit) return;
    terms.set(t, { start: size, df: df[id]! });
    size += df[id]!;
  });
  const postDoc = new Int32Array(size);
  const postBody = new Uint16Array(size);
  const postHead = new Uint16Array(size);
  const postAnchor = new Uint16Array(size);
  const fill = start.slice();
  for (let from = 0; from < n; from += 1 << 19) {
    for (let i = from, end = Math.min(n, from + (1 << 19)); i < end; i++) {
      const id = rec.term[i]!;
      if (df[id]! > opts.dfLimit) continue;
      const at = fill[id]!++;
      postDoc[at] = rec.doc[i]!;
      postBody[at] = rec.body[i]!;
      postHead[at] = rec.head[i]!;
      postAnchor[at] = rec.anchor[i]!;
    }
    await yieldIfDue();
  }
  return {
    stamp, dfLimit: opts.dfLimit, weights: opts.weights, rowCount, avgdl: columnTokens.reduce((a, b) => a + b, 0) / rowCount, docs: ids.length,
    docIds: Int32Array.from(ids), docLen: Float64Array.from(lens), terms, vocab, postDoc, postBody, postHead, postAnchor,
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
    const e = m.terms.get(t);
    if (!e || e.df !== df) return null;
    let idf = Math.log((m.rowCount - e.df + 0.5) / (e.df + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    lists.push({ ...e, idf });
  }
  // Scratch buffers, reused (search is synchronous) and cleared below for the documents touched.
  const scores = (m.scratch ??= { scores: new Float64Array(m.docs), seen: new Uint8Array(m.docs) }).scores;
  const seen = m.scratch.seen;
  const touched: number[] = [];
  const { body: wb, head: wh, anchor: wa } = m.weights;
  for (const l of lists) {
    for (let i = l.start, end = l.start + l.df; i < end; i++) {
      const doc = m.postDoc[i]!;
      // aFreq: FTS5 adds the column weight once per instance (body instances come first).
      let f = 0;
      for (let n = m.postBody[i]!; n > 0; n--) f += wb;
      for (let n = m.postHead[i]!; n > 0; n--) f += wh;
      for (let n = m.postAnchor[i]!; n > 0; n--) f += wa;
      const D = m.docLen[doc]!;
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

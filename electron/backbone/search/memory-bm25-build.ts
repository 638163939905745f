import type { Database } from 'better-sqlite3';
import { CURRENT_FTS } from '../store/fts-tables';
import { forEachToken } from '../text/bigrams';
import { B, K1, type Bm25Weights, type MemoryBm25Data } from './memory-bm25';

/**
 * Building the in-memory BM25 mirror (memory-bm25.ts) from the FTS5 index: FTS5's own document
 * sizes and vocabulary, the rows' text tokenised again, postings allocated once at each token's
 * document frequency and written in place; the work is cut in slices so a serving process answers
 * requests meanwhile.
 */

/** Building: work between two turns of the event loop. */
const SLICE_MS = 50;
/** The fts5vocab table over CURRENT_FTS (migration 1). */
const CURRENT_VOCAB = 'articles_vocab';

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

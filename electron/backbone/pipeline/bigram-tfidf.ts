/**
 * Character-bigram tf-idf vectors over a fixed set of short texts (the train questions), and their
 * cosine nearest neighbours for any text. Bigrams are pairs of adjacent letters or digits (Han
 * characters included); tf = 1 + ln(count), idf = ln((N + 1) / (df + 1)) + 1, vectors L2-normalised.
 * A bigram no indexed text has still counts towards the query's norm (idf with df = 0).
 */

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Bigram counts of a text (code points, so characters outside the BMP stay whole). */
export function charBigrams(text: string): Map<string, number> {
  const chars = Array.from(text.toLowerCase());
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (!WORD_CHAR.test(chars[i]!) || !WORD_CHAR.test(chars[i + 1]!)) continue;
    const g = chars[i]! + chars[i + 1]!;
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

export interface Neighbour {
  /** Index of the indexed text. */
  doc: number;
  /** Cosine similarity, in (0, 1]. */
  sim: number;
}

export class BigramTfidf {
  private readonly ids = new Map<string, number>();
  private readonly idf: number[] = [];
  /** Per term: the docs that contain it and their normalised weights. */
  private readonly postings: { docs: number[]; weights: number[] }[] = [];
  private readonly n: number;

  constructor(texts: readonly string[]) {
    this.n = texts.length;
    const grams = texts.map(charBigrams);
    const df: number[] = [];
    for (const g of grams) {
      for (const term of g.keys()) {
        let id = this.ids.get(term);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(term, id);
          df.push(0);
          this.postings.push({ docs: [], weights: [] });
        }
        df[id]!++;
      }
    }
    for (const d of df) this.idf.push(Math.log((this.n + 1) / (d + 1)) + 1);
    grams.forEach((g, doc) => {
      for (const [id, w] of this.weigh(g)) {
        this.postings[id!]!.docs.push(doc);
        this.postings[id!]!.weights.push(w);
      }
    });
  }

  get size(): number {
    return this.n;
  }

  /**
   * The `m` indexed texts most similar to `text` with similarity > 0, best first (ties: lower
   * index first), skipping those `exclude` rejects.
   */
  nearest(text: string, m: number, exclude: (doc: number) => boolean = () => false): Neighbour[] {
    const sims = new Map<number, number>();
    for (const [id, w] of this.weigh(charBigrams(text))) {
      if (id === undefined) continue;
      const p = this.postings[id]!;
      for (let i = 0; i < p.docs.length; i++) sims.set(p.docs[i]!, (sims.get(p.docs[i]!) ?? 0) + w * p.weights[i]!);
    }
    const out: Neighbour[] = [];
    for (const [doc, sim] of sims) if (sim > 0 && !exclude(doc)) out.push({ doc, sim });
    out.sort((a, b) => b.sim - a.sim || a.doc - b.doc);
    return out.slice(0, m);
  }

  /** Normalised tf-idf weights keyed by term id (undefined for bigrams outside the index). */
  private weigh(counts: Map<string, number>): [number | undefined, number][] {
    const unseenIdf = Math.log(this.n + 1) + 1;
    const entries: [number | undefined, number][] = [];
    let norm = 0;
    for (const [term, c] of counts) {
      const id = this.ids.get(term);
      const w = (1 + Math.log(c)) * (id === undefined ? unseenIdf : this.idf[id]!);
      entries.push([id, w]);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const e of entries) e[1] /= norm;
    return entries;
  }
}

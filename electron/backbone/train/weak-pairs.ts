import type { Database } from 'better-sqlite3';
import { ANCHOR_SQL, articleEmbeddingText } from '../vectors/article-text';
import { rng } from './random';

/**
 * Stage-1 supervision made from the corpus itself (no labelled queries):
 *  - hidden sentence: one sentence of an article is the query, the article without it the document;
 *  - definition: `本法所称X，是指…` gives the question `什么是X` for that article;
 *  - heading: law title + the article's chapter heading as a query for the article.
 * Articles relevant to the train queries can be oversampled (their laws are what people ask about).
 */
export interface TrainingPair {
  query: string;
  /** The positive document's text, as the embedder sees documents. */
  document: string;
  articleId: number;
  source: 'hidden-sentence' | 'definition' | 'heading' | 'train-query' | 'glossary' | 'heading-term' | 'anchor';
}

interface Row {
  id: number;
  text: string;
  path: string;
  shortTitle: string;
  anchor: string;
}

const SENTENCE = /[^。；！？\n]+[。；！？]?/g;

export function weakPairs(db: Database, opts: { seed: number; oversample?: Set<number>; oversampleFactor?: number }): TrainingPair[] {
  const rows = db
    .prepare(`SELECT a.id, a.text, a.path, l.short_title AS shortTitle, ${ANCHOR_SQL.column} FROM articles a JOIN laws l ON l.id = a.law_id ${ANCHOR_SQL.join} WHERE l.status = 'current'`)
    .all() as Row[];
  const rand = rng(opts.seed);
  const pairs: TrainingPair[] = [];
  for (const r of rows) {
    const path = JSON.parse(r.path) as string[];
    const repeat = opts.oversample?.has(r.id) ? (opts.oversampleFactor ?? 3) : 1;
    const sentences = (r.text.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => s.length >= 8);
    for (let k = 0; k < repeat && sentences.length >= 2; k++) {
      const i = Math.floor(rand() * sentences.length);
      const rest = sentences.filter((_, j) => j !== i).join('');
      pairs.push({
        query: sentences[i]!,
        document: articleEmbeddingText({ shortTitle: r.shortTitle, path, text: rest, anchor: r.anchor }),
        articleId: r.id,
        source: 'hidden-sentence',
      });
    }
    const document = articleEmbeddingText({ shortTitle: r.shortTitle, path, text: r.text, anchor: r.anchor });
    for (const m of r.text.matchAll(/(?:本法|本条例|本规定|本办法|本解释)所称([^，,。]{2,20})[，,]是指/g)) {
      pairs.push({ query: `什么是${m[1]}`, document, articleId: r.id, source: 'definition' });
    }
    const chapter = path.at(-1);
    if (chapter && rand() < 0.3) {
      pairs.push({ query: `${r.shortTitle} ${chapter.replace(/^第\S+\s*/, '')}`, document, articleId: r.id, source: 'heading' });
    }
  }
  return pairs;
}

/** Pairs from labelled queries: each (question, relevant article). */
export function labelledPairs(
  db: Database,
  queries: { text: string; relevant: Iterable<number> }[],
): TrainingPair[] {
  const get = db.prepare(`SELECT a.id, a.text, a.path, l.short_title AS shortTitle, ${ANCHOR_SQL.column} FROM articles a JOIN laws l ON l.id = a.law_id ${ANCHOR_SQL.join} WHERE a.id = ?`);
  const out: TrainingPair[] = [];
  for (const q of queries) {
    for (const id of q.relevant) {
      const r = get.get(id) as Row | undefined;
      if (!r) continue;
      out.push({
        query: q.text,
        document: articleEmbeddingText({ shortTitle: r.shortTitle, path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor }),
        articleId: id,
        source: 'train-query',
      });
    }
  }
  return out;
}

/**
 * One-off measurement: bigram BM25 (what Lexbone ships) against jieba-segmented BM25, on the same
 * FTS5 set-up, over the validation split of the STARD train queries.
 *   npm i --no-save @node-rs/jieba && npx tsx scripts/experiments/jieba-vs-bigram.ts --db <imported library>
 * jieba: documents with cutForSearch (words plus their sub-words), queries with cut; each word quoted
 * and OR'ed, like the bigram queries. No token pruning in either, so the comparison is of tokens only.
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { inSplit } from '../../electron/backbone/eval/split';
import { meanMeasures, parseMeasure } from '../../electron/backbone/eval/measures';
import { loadStardQueries } from '../../electron/backbone/eval/stard-queries';
import { SearchService } from '../../electron/backbone/pipeline/search-service';
import { toIndexText } from '../../electron/backbone/text/bigrams';

const { values } = parseArgs({ options: { db: { type: 'string' }, queries: { type: 'string', default: '../shared/data/stard/queries.train.json' } } });
const { Jieba } = createRequire(import.meta.url)('@node-rs/jieba');
const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict');
const jieba = Jieba.withDict(dict);
const words = (t: string, forSearch: boolean): string[] =>
  (forSearch ? jieba.cutForSearch(t, true) : jieba.cut(t, true)).filter((w: string) => /[\p{L}\p{N}]/u.test(w));

const db = new Database(values.db!);
const rows = db.prepare("SELECT a.id, a.text, a.path, l.short_title FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.status = 'current'").all() as {
  id: number; text: string; path: string; short_title: string;
}[];
const mem = new Database(':memory:');
for (const name of ['big', 'jb']) mem.exec(`CREATE VIRTUAL TABLE ${name} USING fts5(body, head, content='', tokenize='unicode61 remove_diacritics 0')`);
let t = performance.now();
const insB = mem.prepare('INSERT INTO big (rowid, body, head) VALUES (?, ?, ?)');
const insJ = mem.prepare('INSERT INTO jb (rowid, body, head) VALUES (?, ?, ?)');
mem.transaction(() => {
  for (const r of rows) {
    const head = [r.short_title, ...(JSON.parse(r.path) as string[])].join(' ');
    insB.run(r.id, toIndexText(r.text), toIndexText(head));
  }
})();
const bigramMs = performance.now() - t;
t = performance.now();
mem.transaction(() => {
  for (const r of rows) {
    const head = [r.short_title, ...(JSON.parse(r.path) as string[])].join(' ');
    insJ.run(r.id, words(r.text, true).join(' '), words(head, true).join(' '));
  }
})();
const jiebaMs = performance.now() - t;

const search = new SearchService(db);
const queries = loadStardQueries(values.queries!, search).filter((q) => inSplit(q.id, 'validation'));
const measures = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'].map(parseMeasure);
const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
for (const [name, table, tok] of [
  ['bigram', 'big', (q: string) => [...new Set(toIndexText(q).split(' ').filter(Boolean))]],
  ['jieba', 'jb', (q: string) => [...new Set(words(q, false))]],
] as const) {
  const st = mem.prepare(`SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25(${table}, 1, 1) LIMIT 100`);
  const lat: number[] = [];
  const runs = queries.map((q) => {
    const toks = tok(q.text);
    const s = performance.now();
    const ids = toks.length ? (st.all(toks.map(quote).join(' OR ')) as { id: number }[]).map((r) => r.id) : [];
    lat.push(performance.now() - s);
    return { ranked: ids, relevant: q.relevant };
  });
  lat.sort((a, b) => a - b);
  const m = meanMeasures(measures, runs);
  console.log(name.padEnd(7), Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(3)}`).join('  '), ` p50 ${lat[lat.length >> 1]!.toFixed(1)} ms p95 ${lat[Math.floor(lat.length * 0.95)]!.toFixed(1)} ms`);
}
console.log(`indexing ${rows.length} articles: bigram ${(bigramMs / 1000).toFixed(1)} s, jieba ${(jiebaMs / 1000).toFixed(1)} s`);

/**
 * Speed measurements behind every timing claim in the README.
 *   npm run bench -- [--corpus resources/corpus/laws-cn.jsonl.gz] [--queries <STARD json>] [--json]
 * Imports the corpus into a fresh temporary database (twice: the second must add nothing), then
 * times lexical searches and citation lookups one by one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SearchRequest } from '../contract/schemas';
import { Library } from '../backbone/library';
import { BUNDLED_CORPUS } from './commands';
import { progressLine } from './progress-line';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: BUNDLED_CORPUS },
    queries: { type: 'string', default: '../shared/data/stard/queries.train.json' },
    json: { type: 'boolean', default: false },
  },
});

const SAMPLE_QUERIES = [
  '离婚后孩子抚养费怎么算', '公司拖欠工资怎么办', '交通事故责任认定', '违约金过高可以要求减少吗', '房屋租赁合同到期不退押金',
  '未签劳动合同二倍工资', '醉酒驾驶机动车如何处罚', '遗嘱继承和法定继承哪个优先', '个体工商户的债务', '商标侵权赔偿标准',
];
const CITATIONS = ['民法典第584条', '劳动合同法 第三十九条', '《中华人民共和国刑法》第二百六十四条', '公司法第一条', '民法典第1085条'];

function percentiles(ms: number[]): { p50: number; p95: number; max: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1), n: s.length };
}

const dir = mkdtempSync(join(tmpdir(), 'lexbone-bench-'));
const dbPath = join(dir, 'bench.db');
try {
  const lib = new Library(dbPath);
  const progress = progressLine(process.stderr);
  let t = performance.now();
  const first = lib.import(resolve(values.corpus!), { onProgress: (p, d, n) => progress.update(p, d, n) });
  const importMs = performance.now() - t;
  progress.done();
  t = performance.now();
  const second = lib.import(resolve(values.corpus!));
  const reimportMs = performance.now() - t;
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(dbPath).size;

  const queryFile = resolve(values.queries!);
  const texts = existsSync(queryFile)
    ? (JSON.parse(readFileSync(queryFile, 'utf8')) as { 问题: string }[]).map((q) => q['问题'])
    : Array.from({ length: 30 }, () => SAMPLE_QUERIES).flat();
  const searchMs: number[] = [];
  for (const query of texts) {
    const req = SearchRequest.parse({ query, limit: 100 });
    const s = performance.now();
    await lib.search(req);
    searchMs.push(performance.now() - s);
  }
  const citeMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    lib.article({ citation: CITATIONS[i % CITATIONS.length]! });
    citeMs.push(performance.now() - s);
  }
  lib.close();
  const result = {
    corpus: values.corpus,
    import: { seconds: Math.round(importMs / 100) / 10, laws: first.lawsAdded, articles: first.articlesAdded },
    reimport: { seconds: Math.round(reimportMs / 100) / 10, articlesAdded: second.articlesAdded },
    dbMB: Math.round(dbBytes / 104857.6) / 10,
    searchTop100Ms: { ...percentiles(searchMs), queries: existsSync(queryFile) ? queryFile : 'built-in samples' },
    citationMs: percentiles(citeMs),
  };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`import     ${result.import.seconds} s (${result.import.laws} laws, ${result.import.articles} articles), database ${result.dbMB} MB`);
    console.log(`re-import  ${result.reimport.seconds} s (${result.reimport.articlesAdded} articles added)`);
    const q = result.searchTop100Ms;
    console.log(`search     top-100 over ${q.n} queries: p50 ${q.p50} ms, p95 ${q.p95} ms, max ${q.max} ms`);
    const c = result.citationMs;
    console.log(`citation   ${c.n} lookups: p50 ${c.p50} ms, p95 ${c.p95} ms, max ${c.max} ms`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

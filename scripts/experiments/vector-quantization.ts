/**
 * Measures the three vector quantizations of backbone/vectors on sqlite-vec 0.1.9, with the code
 * the app ships (createIndexTables, VectorWriter, knn):
 *   npx tsx scripts/experiments/vector-quantization.ts [--queries 20] [--big-dim 1024] [--seed 1]
 * For N = 10k / 30k / 64k random unit vectors at D = 256 (and N = 64k at D = 1024): query latency
 * p50/p95 for k = 60 and k = 300, and recall@k of int8 and bit+rescore against exact float.
 * Two data sets, `random` (the worst case for quantization) and
 * `clustered` (see generator()). Each quantization's recall is measured against exact float on the
 * same data; p95 of 20 queries is the slowest one. Prints a markdown table, then what
 * chooseQuantization() picks per size. Runs in about 2 minutes on 2 vCPU.
 */
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { loadVectorExtension } from '../../electron/backbone/vectors/extension';
import { knn, type KnnTarget } from '../../electron/backbone/vectors/knn';
import { chooseQuantization, QUANTIZATIONS, rescoreDepth, type Quantization } from '../../electron/backbone/vectors/quantization';
import { createIndexTables, indexTables, tablePrefix } from '../../electron/backbone/vectors/tables';
import { VectorWriter } from '../../electron/backbone/vectors/vector-writer';

const { values } = parseArgs({
  options: { queries: { type: 'string', default: '20' }, 'big-dim': { type: 'string', default: '1024' }, seed: { type: 'string', default: '1' } },
});
const QUERIES = Number(values.queries);
const CONFIGS: [number, number][] = [[10_000, 256], [30_000, 256], [64_000, 256]];
if (Number(values['big-dim']) > 0) CONFIGS.push([64_000, Number(values['big-dim'])]);
const KS = [60, 300];
/** Extra bit shortlist lengths measured beside the default rescoreDepth(k). */
const DEPTHS = [4000];

// Deterministic normal variates (mulberry32 + Box-Muller).
let state = Number(values.seed) >>> 0;
function uniform(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}
const randomUnit = (dim: number): Float32Array => unit(Float32Array.from({ length: dim }, normal));
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const fmt = (ms: number): string => ms.toFixed(1).padStart(6);

interface Row { n: number; dim: number; set: string; k: number; q: string; p50: number; p95: number; recall: number }
const rows: Row[] = [];
const started = performance.now();

/**
 * `random`: documents and queries are random unit vectors (no true near neighbour, the worst case
 * for quantization). `clustered`: 32 themes, topics of ~100 documents, each document
 * = √.2·theme + √.3·topic + √.5·noise (cosine ≈ .5 within a topic, ≈ .2 within a theme, ≈ 0
 * otherwise) and queries drawn the same way: a stand-in for embeddings, whose neighbours form topics.
 */
function generator(kind: 'random' | 'clustered', n: number, dim: number): () => Float32Array {
  if (kind === 'random') return () => randomUnit(dim);
  const themes = Array.from({ length: 32 }, () => randomUnit(dim));
  const topics = Array.from({ length: Math.ceil(n / 100) }, (_, i) => ({ theme: themes[i % 32]!, v: randomUnit(dim) }));
  return () => {
    const t = topics[Math.floor(uniform() * topics.length)]!;
    const e = randomUnit(dim);
    return unit(t.v.map((x, i) => Math.sqrt(0.3) * x + Math.sqrt(0.2) * t.theme[i]! + Math.sqrt(0.5) * e[i]!));
  };
}

for (const [n, dim] of CONFIGS) {
  for (const set of ['random', 'clustered'] as const) {
    const db = new Database(':memory:');
    loadVectorExtension(db);
    const targets = {} as Record<Quantization, KnnTarget>;
    const writers = {} as Record<Quantization, VectorWriter>;
    for (const q of QUANTIZATIONS) {
      const tables = indexTables(tablePrefix(`experiment@${dim}`, q));
      createIndexTables(db, tables, dim, q);
      targets[q] = { tables, quantization: q, dimension: dim };
      writers[q] = new VectorWriter(db, tables, q, dim);
    }
    const next = generator(set, n, dim);
    const buildMs = {} as Record<Quantization, number>;
    const BATCH = 2000;
    for (let start = 0; start < n; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, n - start) }, next);
      for (const q of QUANTIZATIONS) {
        const t = performance.now();
        db.transaction(() => batch.forEach((v, i) => writers[q].put(start + i + 1, '', true, v)))();
        buildMs[q] = (buildMs[q] ?? 0) + performance.now() - t;
      }
    }
    console.error(`N=${n} D=${dim} ${set}: insert ` + QUANTIZATIONS.map((q) => `${q} ${((n / buildMs[q]) * 1000).toFixed(0)}/s`).join(', '));
    const queries = Array.from({ length: QUERIES }, next);
    for (const k of KS) {
      const exact = queries.map((v) => knn(db, targets.float, v, k));
      const variants: [string, Quantization, number | undefined][] = QUANTIZATIONS.map((q) => [q, q, undefined]);
      for (const m of DEPTHS) if (m !== rescoreDepth(k)) variants.push([`bit M=${m}`, 'bit', m]);
      for (const [name, q, depth] of variants) {
        const run = (v: Float32Array) => knn(db, targets[q], v, k, { rescoreDepth: depth });
        run(queries[0]!); // warm the statement and page cache
        const times: number[] = [];
        let recall = 0;
        queries.forEach((v, i) => {
          const t = performance.now();
          const hits = run(v);
          times.push(performance.now() - t);
          const truth = new Set(exact[i]!.map((h) => h.articleId));
          recall += hits.filter((h) => truth.has(h.articleId)).length / k / queries.length;
        });
        rows.push({ n, dim, set, k, q: q === 'bit' && !depth ? `bit M=${rescoreDepth(k)}` : name, p50: pct(times, 0.5), p95: pct(times, 0.95), recall });
      }
    }
    db.close();
  }
}

console.log('\n|      N |    D | data      |   k | quantization | p50 ms | p95 ms | recall@k |');
console.log('|-------:|-----:|-----------|----:|--------------|-------:|-------:|---------:|');
for (const r of rows) {
  console.log(`| ${String(r.n).padStart(6)} | ${String(r.dim).padStart(4)} | ${r.set.padEnd(9)} | ${String(r.k).padStart(3)} | ${r.q.padEnd(12)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${r.recall.toFixed(3).padStart(8)} |`);
}
console.log('\nchooseQuantization:');
for (const [n, dim] of [...CONFIGS, [2_000, 1024] as [number, number], [120_000, 1024] as [number, number]]) {
  console.log(`  N=${n} D=${dim} → ${chooseQuantization(n, dim)}`);
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);

/**
 * Issue 14: variants of the reader's stage 2, compared on more questions than the validation split
 * alone. The lists come from `reader-lists.ts` (cached in .train/dump; the first run builds them,
 * ~3 min). Each variant trains from the validated reader stage 1 (as stage 2 does) for a fixed 9
 * epochs (stage 2's early-stopped count), and is measured
 *   - by 5-fold cross-validation over the 996 train questions' cross-fitted lists (each fold's
 *     questions scored by a model trained on the other four and the vocabulary lists), and
 *   - on the 239 validation questions' lists (trained on all the others),
 * averaged over seeds; "all" weights both by their questions (1,235). Paired over the same
 * questions and seeds, differences of ~0.005 repeat; the validation split alone moves ±0.01 by seed.
 *   npx tsx scripts/experiments/reader-cv.ts [<reader stage 1 folder, default .train/validated/builtin-reader-stage1>]
 * The stage 1 must read the dumped lists' features (a dump made at one commit with another's stage 1
 * is refused; delete .train/dump/reader-stage2.json to rebuild it).
 * Measured 2026-12-07 with the first reader (20 + 13 features: the dump and stage 1 of commit
 * ef3931c; the same figures again after it, with that stage 1 passed as the argument). The first two
 * variants below were then adopted (feature-priors.ts, stage 2 on the top 60), so a dump made at a
 * later commit already carries those four priors. RR@10 / nDCG@10 / R@10, "all", 5 seeds:
 *   baseline (the first reader's recipe)               0.585 / 0.563 / 0.683
 *   + absolute neighbour similarities (4 features)     0.586 / 0.566 / 0.688
 *   + and train lists cut to the served 60             0.588 / 0.573 / 0.695
 *   + and 15 epochs                                    0.590 / 0.574 / 0.696
 *   (3 seeds:) question profile centroid similarity 0.584 / 0.563 / 0.684; no vocabulary lists
 *   0.590 / 0.568 / 0.689; 5 epochs 0.581 / 0.560 / 0.683; 25 epochs 0.586 / 0.565 / 0.685.
 *   (5 seeds:) the article's place in the law (in- and out-degree of cross-references, relative
 *   position, first or last two articles, the law's category): 0.586 / 0.566 / 0.687.
 *   Re-scoring after the reader (not trained): +β · P(candidate cited | the reader's top-1 or top-3
 *   cited) from train co-citations, or +β for an article within ±1/±2 of the top-1 or top-2 in the
 *   same law: no weight β > 0 raises RR@10 on either the train lists or validation (validation
 *   0.538–0.635 against 0.635); R@10 moves by at most +0.007 (co-citation with the top 3, at a
 *   cost in RR@10).
 */
import Database from 'better-sqlite3';
import { charBigrams } from '../../electron/backbone/pipeline/bigram-tfidf';
import { buildPriors } from '../../electron/backbone/pipeline/feature-priors';
import type { FeatureRerankerWeights } from '../../electron/backbone/onnx/feature-reranker-graph';
import { readFeatureModel } from '../../electron/backbone/train/feature-model-writer';
import { trainListwise, type ListwiseOptions } from '../../electron/backbone/train/reranker/listwise';
import { listMeasures, measuresOfScores } from '../../electron/backbone/train/reranker/list-metrics';
import { scoreWithWeights } from '../../electron/backbone/train/reranker/listwise-model';
import { parseArticleLabel } from '../../electron/backbone/text/citation';
import { readerLists, type DumpList } from './reader-lists';

const d = readerLists();
const M = ['RR@10', 'nDCG@10', 'R@10'];
const stage1 = readFeatureModel(process.argv[2] ?? '.train/validated/builtin-reader-stage1').weights;
const dumped = d.lists[0]!.features[0]!.length;
if (stage1.features !== dumped) throw new Error(`the dumped lists have ${dumped} features, the reader stage 1 ${stage1.features}: rebuild the dump or pass the stage 1 it was made with`);
const fmt = (m: Record<string, number>) => M.map((k) => m[k]!.toFixed(3)).join(' / ');
const RECIPE: ListwiseOptions = { l2: 1e-4, learningRate: 0.005, maxEpochs: 9 };

function cv(lists: DumpList[], opts: ListwiseOptions, label: string, seeds: number[]): void {
  const tr = lists.filter((l) => l.part === 'train'), voc = lists.filter((l) => l.part === 'vocabulary'), va = lists.filter((l) => l.part === 'validation');
  const folds: Record<string, number> = {}, val: Record<string, number> = {};
  const add = (acc: Record<string, number>, m: Record<string, number>, share: number) => M.forEach((x) => (acc[x] = (acc[x] ?? 0) + m[x]! * share));
  for (const seed of seeds) {
    for (let k = 0; k < 5; k++) {
      const test = tr.filter((_, i) => i % 5 === k);
      const w = trainListwise([...tr.filter((_, i) => i % 5 !== k), ...voc], { initial: stage1, seed: seed + k, ...RECIPE, ...opts });
      add(folds, listMeasures(w, test, M), test.length / tr.length / seeds.length);
    }
    add(val, listMeasures(trainListwise([...tr, ...voc], { initial: stage1, seed, ...RECIPE, ...opts }), va, M), 1 / seeds.length);
  }
  const all = Object.fromEntries(M.map((x) => [x, (folds[x]! * tr.length + val[x]! * va.length) / (tr.length + va.length)]));
  console.log(`${label.padEnd(44)} cv ${fmt(folds)} | validation ${fmt(val)} | all ${fmt(all)}`);
}

/** Appends features to every candidate; the initial weights get zero rows for them (mean/std from the training lists). */
function extend(lists: DumpList[], extra: (l: DumpList) => number[][]): { lists: DumpList[]; initial: FeatureRerankerWeights } {
  const out = lists.map((l) => {
    const e = extra(l);
    return { ...l, features: l.features.map((f, i) => Float32Array.from([...f, ...e[i]!])) };
  });
  const F = stage1.features, E = out[0]!.features[0]!.length - F;
  const mean = new Float32Array(F + E), std = new Float32Array(F + E);
  mean.set(stage1.mean);
  std.set(stage1.std);
  const rows = out.filter((l) => l.part !== 'validation').flatMap((l) => l.features);
  for (let j = F; j < F + E; j++) {
    const m = rows.reduce((s, f) => s + f[j]!, 0) / rows.length;
    mean[j] = m;
    std[j] = Math.sqrt(rows.reduce((s, f) => s + (f[j]! - m) ** 2, 0) / rows.length) || 1;
  }
  const w1 = new Float32Array((F + E) * stage1.hidden);
  w1.set(stage1.w1);
  return { lists: out, initial: { ...stage1, features: F + E, mean, std, w1 } };
}

const byText = new Map<string, number[]>();
d.train.forEach((q, i) => byText.set(q.question.trim(), [...(byText.get(q.question.trim()) ?? []), i]));

/**
 * The four absolute-similarity priors (feature-priors.ts, adopted after this comparison), computed
 * by the priors themselves from the same train questions. Against the first reader's lists, which
 * lack them.
 */
const ABSOLUTE = ['similar_queries_article_max', 'similar_queries_article_sum', 'similar_queries_law_max', 'nearest_question_similarity'];
const priors = buildPriors(d.train);
const absoluteSimilarity = (l: DumpList) => l.keys.map((article, i) => {
  const f = priors.features(l.query, { article, law: l.laws[i]! });
  return ABSOLUTE.map((n) => f[n]!);
});

/** Cosine of the question with the centroid of the train questions citing the article (itself left out), and ln(1 + their number). */
function profileCentroid(): (l: DumpList) => number[][] {
  const N = d.train.length;
  const df = new Map<string, number>();
  for (const q of d.train) for (const g of charBigrams(q.question).keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const vec = (t: string) => {
    const v = new Map<string, number>();
    for (const [g, c] of charBigrams(t)) v.set(g, (1 + Math.log(c)) * (Math.log((N + 1) / ((df.get(g) ?? 0) + 1)) + 1));
    const norm = Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0)) || 1;
    for (const [g, w] of v) v.set(g, w / norm);
    return v;
  };
  const vectors = d.train.map((q) => vec(q.question));
  const profiles = new Map<string, number[]>();
  d.train.forEach((q, i) => new Set(q.articles).forEach((a) => profiles.set(a, [...(profiles.get(a) ?? []), i])));
  return (l) => {
    const self = new Set(byText.get(l.query.trim()) ?? []);
    const v = vec(l.query);
    return l.keys.map((a) => {
      const members = (profiles.get(a) ?? []).filter((i) => !self.has(i));
      if (members.length === 0) return [0, 0];
      const sum = new Map<string, number>();
      for (const i of members) for (const [g, w] of vectors[i]!) sum.set(g, (sum.get(g) ?? 0) + w);
      const norm = Math.sqrt([...sum.values()].reduce((s, w) => s + w * w, 0)) || 1;
      let dot = 0;
      for (const [g, w] of v) dot += w * (sum.get(g) ?? 0);
      return [dot / norm, Math.log(1 + members.length)];
    });
  };
}

const cut60 = (lists: DumpList[]) => lists.map((l) => (l.part === 'validation' ? l : { ...l, features: l.features.slice(0, 60), labels: l.labels.slice(0, 60), keys: l.keys.slice(0, 60), laws: l.laws.slice(0, 60) }));

const five = [44, 45, 46, 47, 48];
const three = [44, 45, 46];
cv(d.lists, {}, 'baseline', five);
const abs = extend(d.lists, absoluteSimilarity);
cv(abs.lists, { initial: abs.initial }, '+ absolute neighbour similarities', five);
cv(cut60(abs.lists), { initial: abs.initial }, '+ and train lists cut to 60', five);
cv(cut60(abs.lists), { initial: abs.initial, maxEpochs: 15 }, '+ and 15 epochs', five);
const centroid = extend(d.lists, profileCentroid());
cv(centroid.lists, { initial: centroid.initial }, 'question profile centroid', three);
cv(d.lists.filter((l) => l.part !== 'vocabulary'), {}, 'no vocabulary lists', three);
for (const maxEpochs of [5, 25]) cv(d.lists, { maxEpochs }, `${maxEpochs} epochs`, three);

/** Where the article sits: cross-references to and from it, its relative position, first/last two articles, its law's category. */
function articlePlace(): (l: DumpList) => number[][] {
  const db = new Database('.train/library.db', { readonly: true });
  const into = db.prepare('SELECT count(*) AS c FROM article_refs WHERE to_article_id = ?');
  const from = db.prepare('SELECT count(*) AS c FROM article_refs WHERE from_article_id = ?');
  const where = db.prepare(`SELECT a.ordinal, l.category, (SELECT max(ordinal) FROM articles b WHERE b.law_id = a.law_id) AS last
    FROM articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?`);
  const categories = (db.prepare('SELECT DISTINCT category FROM laws').all() as { category: string }[]).map((r) => r.category);
  const cache = new Map<number, number[]>();
  const of = (id: number) => {
    const w = where.get(id) as { ordinal: number; category: string; last: number };
    const count = (s: typeof into) => (s.get(id) as { c: number }).c;
    const f = [Math.log1p(count(into)), Math.log1p(count(from)), w.ordinal / Math.max(1, w.last), w.ordinal <= 2 ? 1 : 0, w.ordinal >= w.last - 1 ? 1 : 0, ...categories.map((c) => (c === w.category ? 1 : 0))];
    cache.set(id, f);
    return f;
  };
  return (l) => l.ids.map((id) => cache.get(id) ?? of(id));
}
const place = extend(d.lists, articlePlace());
cv(place.lists, { initial: place.initial }, "the article's place in the law", five);

// Re-scoring after the reader, untrained: co-citation with its top candidates, or adjacency to them.
const trainLists = d.lists.filter((l) => l.part === 'train'), validation = d.lists.filter((l) => l.part === 'validation');
const reader = trainListwise(d.lists.filter((l) => l.part !== 'validation'), { initial: stage1, seed: 44, ...RECIPE });
const cited = new Map<string, number>(), cocited = new Map<string, number>(), ownCitations = new Map<string, string[]>();
for (const q of d.train) {
  const as = [...new Set(q.articles)];
  ownCitations.set(q.question.trim(), as);
  for (const a of as) {
    cited.set(a, (cited.get(a) ?? 0) + 1);
    for (const b of as) if (a !== b) cocited.set(`${a}|${b}`, (cocited.get(`${a}|${b}`) ?? 0) + 1);
  }
}
const number = (key: string, law: string) => (key.startsWith(law) ? (parseArticleLabel(key.slice(law.length))?.number ?? null) : null);
type Boost = (l: DumpList, i: number, top: number[]) => number;
const coCitation: Boost = (l, i, top) => {
  const own = new Set(ownCitations.get(l.query.trim()) ?? []);
  return Math.max(0, ...top.filter((j) => j !== i).map((j) => {
    const a = l.keys[i]!, b = l.keys[j]!;
    const both = (cocited.get(`${a}|${b}`) ?? 0) - (own.has(a) && own.has(b) ? 1 : 0);
    return both / ((cited.get(b) ?? 0) - (own.has(b) ? 1 : 0) + 1);
  }));
};
const adjacent = (within: number): Boost => (l, i, top) => {
  const n = number(l.keys[i]!, l.laws[i]!);
  return n !== null && !top.includes(i) && top.some((j) => l.laws[j] === l.laws[i] && Math.abs((number(l.keys[j]!, l.laws[j]!) ?? -99) - n) <= within) ? 1 : 0;
};
function rescored(lists: DumpList[], boost: Boost, beta: number, topN: number): Record<string, number> {
  return measuresOfScores(lists, lists.map((l) => {
    const s = Array.from(scoreWithWeights(reader, l.features));
    const top = Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!).slice(0, topN);
    return s.map((x, i) => x + beta * boost(l, i, top));
  }), M);
}
for (const [label, boost] of [['co-citation', coCitation], ['adjacent ±1', adjacent(1)], ['adjacent ±2', adjacent(2)]] as const) {
  for (const topN of [1, 3]) for (const beta of [0, 0.5, 1, 2]) {
    console.log(`${label} top ${topN} β ${beta}: train lists ${fmt(rescored(trainLists, boost, beta, topN))} | validation ${fmt(rescored(validation, boost, beta, topN))}`);
  }
}

/**
 * Feasibility run of the static embedder trainer (random init → weak pairs → train queries), with
 * validation R@20/R@100 every few steps. Reads /tmp/x.db (an imported library) and the STARD train file.
 *   npx tsx scripts/experiments/embedder-quick-train.ts   (env D, S1, S2: dimension and steps)
 * Measured here: start R@20 .324 / R@100 .430; 200 weak-pair steps .490 / .657; +100 mixed steps .632 / .797.
 */
import { Library } from '../../electron/backbone/library';
import { parseStaticVocab } from '../../electron/backbone/inference/static-vocab';
import { loadStardQueries } from '../../electron/backbone/eval/stard-queries';
import { inSplit } from '../../electron/backbone/eval/split';
import { buildVocab } from '../../electron/backbone/train/vocab';
import { randomStaticWeights } from '../../electron/backbone/train/static-model-writer';
import { weakPairs, labelledPairs } from '../../electron/backbone/train/weak-pairs';
import { trainEmbedder } from '../../electron/backbone/train/embedder-trainer';
import { DenseEvaluator } from '../../electron/backbone/train/dense-evaluator';
import { articleEmbeddingText } from '../../electron/backbone/vectors/article-text';
const lib = new Library('/tmp/x.db');
const rows = lib.db.prepare("SELECT a.id, a.text, a.path, l.short_title s FROM articles a JOIN laws l ON l.id=a.law_id WHERE l.status='current'").all() as any[];
const docs = rows.map(r => ({ id: r.id, text: articleEmbeddingText({ shortTitle: r.s, path: JSON.parse(r.path), text: r.text }) }));
let t = performance.now();
const vb = buildVocab(docs.map(d => d.text), { maxBigrams: 60000, minDocFreq: 2 });
const vocab = parseStaticVocab({ tokens: vb.tokens });
const D = Number(process.env.D ?? 128);
const p = randomStaticWeights(vb.docFreq, vb.docs, D, 1);
console.log('vocab', vb.tokens.length, (performance.now()-t).toFixed(0));
const qs = loadStardQueries('../shared/data/stard/queries.train.json', lib.searchService);
const val = qs.filter(q => inSplit(q.id, 'validation')), tr = qs.filter(q => inSplit(q.id, 'train'));
const ev = new DenseEvaluator(vocab, docs, 512);
const evaluate = () => { t = performance.now(); ev.refresh(p); let r20=0, r100=0; for (const q of val) { const ids = ev.rank(p, q.text, 100); r20 += ids.slice(0,20).filter(i=>q.relevant.has(i)).length/q.relevant.size; r100 += ids.filter(i=>q.relevant.has(i)).length/q.relevant.size; } console.log(`  eval R@20 ${(r20/val.length).toFixed(3)} R@100 ${(r100/val.length).toFixed(3)} (${(performance.now()-t).toFixed(0)} ms)`); return r20/val.length; };
evaluate();
const pairs = weakPairs(lib.db, { seed: 1 });
t = performance.now();
const rep = trainEmbedder(p, vocab, pairs, { steps: Number(process.env.S1 ?? 200), batchSize: 256, temperature: 0.05, lrEmbeddings: 0.01, lrWeights: 0.01, seed: 1, maxLength: 512, evaluate, evaluateEvery: 100,
  onStep: s => { if (s.step % 50 === 0) console.log('step', s.step, s.loss.toFixed(3), s.accuracy.toFixed(2), ((performance.now()-t)/s.step).toFixed(0), 'ms/step'); } });
console.log(rep);
const lp = labelledPairs(lib.db, tr.map(q => ({ text: q.text, relevant: q.relevant })));
const mixed = [...lp, ...lp, ...pairs.slice(0, lp.length * 2)];
t = performance.now();
const rep2 = trainEmbedder(p, vocab, mixed, { steps: Number(process.env.S2 ?? 150), batchSize: 256, temperature: 0.05, lrEmbeddings: 0.005, lrWeights: 0.005, seed: 2, maxLength: 512, evaluate, evaluateEvery: 25, patience: 3,
  onStep: s => { if (s.step % 25 === 0) console.log('s2 step', s.step, s.loss.toFixed(3), ((performance.now()-t)/s.step).toFixed(0), 'ms/step'); } });
console.log(rep2);

/**
 * Does averaging two rerankers beat either (issue 14)? The validated embedder stage 3's 60
 * candidates per validation question, scored by the feature reranker stage 2 and by the reader
 * stage 2; each list's scores standardised (z-scores), mixed with weight w on the reader, re-ranked;
 * RR@10 / nDCG@10 / R@10 per w. Reads .train/library.db and .train/validated (as `npm run eval`).
 *   npx tsx scripts/experiments/reranker-ensemble.ts
 * Measured (2026-12-07), STARD validation RR@10 / nDCG@10 / R@10 by w: 0 (features) .623/.590/.705,
 * .25 .627/.591/.705, .4 .635/.597/.709, .5 .639/.598/.704, .6 .633/.594/.698, .75 .637/.594/.698,
 * 1 (reader) .635/.595/.702; lawyer set RR@10 .826 → .828 (w .5) → .831 (reader). Within noise.
 */
import { resolve } from 'node:path';
import { Library } from '../../electron/backbone/library';
import { loadStardQueries } from '../../electron/backbone/eval/stard-queries';
import { inSplit } from '../../electron/backbone/eval/split';
import { runQuerySet, type QueryResult } from '../../electron/backbone/eval/harness';
import { scoreResults } from '../../electron/backbone/eval/harness';
import { startRuntime } from '../../electron/cli/start-runtime';
import { serve } from '../../electron/cli/eval-tables';

const lib = new Library(resolve('.train/library.db'));
const queries = loadStardQueries(resolve('resources/evaluation/stard/queries.train.json'), lib.searchService).filter((q) => inSplit(q.id, 'validation'));
const lawyer = loadStardQueries(resolve('resources/evaluation/lawyer-queries.json'), lib.searchService);
const { runtime, close } = await startRuntime(lib, { modelDirs: [resolve('.train/validated')], embedder: null, reranker: null, batchSize: 128 });

type Scored = Map<number, number>;
async function scores(reranker: string, set: typeof queries): Promise<{ results: QueryResult[]; scored: Scored[] }> {
  await serve(runtime, 'builtin-embedder-stage3', reranker);
  const out = await runQuerySet(lib, set, { k: 60, n: 60 });
  return { results: out.results, scored: out.results.map((r) => new Map(r.ranked.map((id, i) => [id, r.citations[i]!.score]))) };
}
const z = (m: Scored): Scored => {
  const v = [...m.values()];
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length) || 1;
  return new Map([...m].map(([k, x]) => [k, (x - mean) / sd]));
};
for (const [label, set] of [['STARD validation', queries], ['lawyer', lawyer]] as const) {
  const a = await scores('builtin-reranker-stage2', set);
  const b = await scores('builtin-reader-stage2', set);
  for (const w of [0, 0.25, 0.4, 0.5, 0.6, 0.75, 1]) {
    const mixed = a.results.map((r, i) => {
      const za = z(a.scored[i]!);
      const zb = z(b.scored[i]!);
      const ranked = [...za.keys()].sort((x, y) => (w * (zb.get(y) ?? 0) + (1 - w) * za.get(y)!) - (w * (zb.get(x) ?? 0) + (1 - w) * za.get(x)!));
      return { ...r, ranked };
    });
    const m = scoreResults(mixed, ['RR@10', 'nDCG@10', 'R@10']);
    console.log(`${label} w=${w}: RR@10 ${m['RR@10']!.toFixed(3)} nDCG@10 ${m['nDCG@10']!.toFixed(3)} R@10 ${m['R@10']!.toFixed(3)}`);
  }
}
await close();
lib.close();

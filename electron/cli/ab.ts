/**
 * Offline A/B between two backbone versions on a query set, judged blind.
 *   npm run ab -- prepare --a <version id> --b <version id> --out session.json
 *                 [--queries F] [--split validation] [--preset standard] [--db F] [--models DIR]… [--seed 1]
 *   npm run ab -- judge session.json [--db F]     (in the terminal: left / right / tie per query)
 *   npm run ab -- tally session.json [--json]
 * Each version runs with its own models and its own preset budget; queries whose top N are
 * identical are counted, the rest become judging items with A and B on random sides.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { PresetName } from '../contract/types';
import { compareLists } from '../backbone/ab/ab-compare';
import { createAbSession, parseAbSession, recordVerdict, serializeAbSession, sessionTally, type AbSession } from '../backbone/ab/ab-session';
import { runQuerySet } from '../backbone/eval/harness';
import { inSplit, type Split } from '../backbone/eval/split';
import { loadStardQueries } from '../backbone/eval/stard-queries';
import { Library } from '../backbone/library';
import { defaultDbPath } from '../backbone/paths';
import { writeFileAtomic } from '../backbone/store/write-file-atomic';
import { serve } from './eval-tables';
import { progressLine } from './progress-line';
import { openLibraryWithCorpus } from './open-library';
import { startRuntime } from './start-runtime';
import { DRY_RUN_OPTION, dryRunAndExit } from './dry-run';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    out: { type: 'string' },
    queries: { type: 'string' },
    split: { type: 'string', default: 'validation' },
    seed: { type: 'string', default: '1' },
    'split-seed': { type: 'string', default: '42' },
    preset: { type: 'string', default: 'standard' },
    db: { type: 'string' },
    models: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    ...DRY_RUN_OPTION,
  },
});

function usage(message: string): never {
  process.stderr.write(`ab: ${message}\nUsage: npm run ab -- prepare --a ID --b ID --out session.json | judge session.json | tally session.json\n`);
  process.exit(2);
}

const save = (path: string, s: AbSession) => writeFileAtomic(path, serializeAbSession(s));
const load = (path: string | undefined): AbSession => {
  if (!path) usage('name the session file');
  try {
    return parseAbSession(readFileSync(path, 'utf8'), path);
  } catch (e) {
    process.stderr.write(`ab: ${(e as Error).message}\n`);
    process.exit(1);
  }
};
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

const [command, file] = positionals;
if (command === 'prepare') await prepare();
else if (command === 'judge') await judge(file);
else if (command === 'tally') tallyCommand(file);
else usage(command ? `unknown command "${command}"` : 'name a command');

async function prepare(): Promise<void> {
  const ids = [Number(values.a), Number(values.b)];
  if (!ids.every((x) => Number.isInteger(x) && x > 0) || ids[0] === ids[1]) usage('--a and --b must be two different backbone version ids (see: npm run cli -- versions)');
  if (!values.out) usage('--out <session.json> is required');
  if (!values.queries) usage('--queries <file in STARD format> is required');
  if (!['quick', 'standard', 'research'].includes(values.preset)) usage('--preset must be quick, standard or research');
  if (values['dry-run']) dryRunAndExit('ab prepare', { queries: values.queries, reads: { models: values.models ?? ['models'] }, writes: { out: values.out, db: values.db ?? defaultDbPath() } });
  const lib = openLibraryWithCorpus(values.db);
  const progress = progressLine(process.stderr);
  const onProgress = (phase: string, done: number, total: number) => progress.update(phase, done, total);
  try {
    const [va, vb] = ids.map((id) => lib.versions().find((v) => v.id === id) ?? usage(`there is no backbone version ${id}`));
    const queries = loadStardQueries(resolve(values.queries), lib.searchService).filter((q) => inSplit(q.id, values.split as Split, Number(values['split-seed'])));
    const { runtime, close } = await startRuntime(lib, { modelDirs: (values.models ?? ['models']).map((d) => resolve(d)), embedder: null, reranker: null, batchSize: 128 }, onProgress);
    try {
      const lists: number[][][] = [];
      for (const [side, v] of [['A', va!], ['B', vb!]] as const) {
        await serve(runtime, v.embedderId, v.rerankerId);
        const { k, n } = v.presets[values.preset as PresetName];
        const set = await runQuerySet(lib, queries, { k, n }, (d, t) => progress.update(`version ${side} (${v.id})`, d, t));
        lists.push(set.results.map((r) => r.ranked.slice(0, n === 0 ? k : n)));
      }
      progress.done();
      const comparison = compareLists(
        queries.map((q, i) => ({ queryId: q.id, query: q.text, a: lists[0]![i]!, b: lists[1]![i]! })),
        { seed: Number(values.seed) },
      );
      const session = createAbSession({
        versionA: { id: String(va!.id), label: va!.label },
        versionB: { id: String(vb!.id), label: vb!.label },
        querySet: `${values.queries} (${values.split}, ${values.preset})`,
        comparison,
      });
      save(values.out, session);
      console.log(`${queries.length} queries: ${comparison.identical.length} identical, ${comparison.items.length} to judge → ${values.out}`);
    } finally {
      await close();
    }
  } finally {
    lib.close();
  }
}

async function judge(path: string | undefined): Promise<void> {
  let session = load(path);
  const lib = new Library(resolve(values.db ?? defaultDbPath()), { readonly: true });
  // Lines are read through the iterator, which buffers them: piped answers are never lost.
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | null> => {
    process.stdout.write(prompt);
    const next = await lines.next();
    return next.done ? null : String(next.value).trim().toLowerCase();
  };
  const show = (ids: number[]) =>
    ids.map((id, i) => {
      try {
        const a = lib.article({ id });
        return `  ${String(i + 1).padStart(2)}. ${a.citation}  ${a.text.replace(/\s+/g, ' ').slice(0, 60)}…`;
      } catch {
        return `  ${String(i + 1).padStart(2)}. (article ${id} is not in this library)`;
      }
    }).join('\n');
  try {
    const open = session.items.filter((it) => !(it.itemId in session.judgments));
    for (const [i, item] of open.entries()) {
      console.log(`\n[${i + 1}/${open.length}] ${item.query}\n\nLEFT\n${show(item.leftIds)}\n\nRIGHT\n${show(item.rightIds)}`);
      let answer: string | null = '';
      while (answer !== null && !['l', 'r', 't', 's', 'q'].includes(answer)) answer = await ask('\n[l]eft better, [r]ight better, [t]ie, [s]kip, [q]uit: ');
      if (answer === null || answer === 'q') break;
      if (answer === 's') continue;
      session = recordVerdict(session, item.itemId, answer === 'l' ? 'left' : answer === 'r' ? 'right' : 'tie');
      save(path!, session); // every verdict is kept at once
    }
  } finally {
    rl.close();
    lib.close();
  }
  tallyCommand(path);
}

function tallyCommand(path: string | undefined): void {
  const session = load(path);
  const t = sessionTally(session);
  if (values.json) {
    console.log(JSON.stringify({ versionA: session.versionA, versionB: session.versionB, ...t }, null, 2));
    return;
  }
  console.log(`A = version ${session.versionA.id} "${session.versionA.label}", B = version ${session.versionB.id} "${session.versionB.label}" on ${session.querySet}`);
  console.log(`identical results: ${t.identical}; judged ${t.judged} of ${session.items.length}: A ${t.a}, B ${t.b}, ties ${t.ties}`);
  if (t.preferenceA !== null) {
    console.log(`preference for A (ties excluded): ${pct(t.preferenceA)}, 95 % CI ${pct(t.ci95![0])}–${pct(t.ci95![1])}, sign test p = ${t.pValue!.toPrecision(3)}`);
  }
}

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../electron/backbone/library';
import { computeArticleRefs } from '../../../electron/backbone/store/article-refs';
import { rng } from '../../../electron/backbone/train/random';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { listIndexes } from '../../../electron/backbone/vectors/registry';
import { BUILTIN_MODELS } from '../../helpers/fixture-runtime';
import { ROOT, runCli, startCli } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { startService } from '../../helpers/service-process';
import { syntheticLibrary } from '../vectors/synthetic-corpus';

/**
 * kill -9 of an import and of an indexing run, 10 times each at seeded random points: after each
 * kill the store passes PRAGMA integrity_check and holds the source whole or not at all (an import;
 * its references in the reverse reference index too, which always equals a fresh build)
 * or whole batches only (indexing); a re-run completes with exactly one copy of each article and
 * one vector per article. LEXBONE_FAULT_SEED changes the points; the seed is in every message.
 */
const SEED = Number(process.env.LEXBONE_FAULT_SEED ?? 20261201);
const KILLS = 10;
const tempDir = useTempDirs();
const seedNote = (what: string) => `${what} (LEXBONE_FAULT_SEED=${SEED})`;

const one = (db: Database.Database, sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

/** 100 laws × 30 articles of one round, as STARD JSONL: every title, label and text its own; each article cites the next (本法第X条). */
const LAWS = 100;
const PER_LAW = 30;
function roundSource(dir: string, round: number): string {
  const lines: string[] = [];
  for (let l = 0; l < LAWS; l++) {
    for (let a = 1; a <= PER_LAW; a++) {
      const name = `第${round}轮测试法${l}号第${a}条`;
      lines.push(JSON.stringify({ id: `${round}-${l}-${a}`, name, content: `第${round}轮第${l}部法律第${a}条：当事人应当依照本法第${(a % PER_LAW) + 1}条履行义务，违反的承担违约责任${round * 10000 + l * 100 + a}。` }));
    }
  }
  const file = join(dir, `round-${round}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** What an import left: articles of the round's laws, whether its import was recorded, duplicates anywhere. */
function importCensus(dbPath: string, round: number) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const like = `第${round}轮测试法%`;
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      articles: one(db, 'SELECT count(*) AS n FROM articles'),
      roundArticles: one(db, 'SELECT count(*) AS n FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.title LIKE ?', like),
      roundHashes: one(db, 'SELECT count(DISTINCT a.hash) AS n FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.title LIKE ?', like),
      roundLaws: one(db, 'SELECT count(*) AS n FROM laws WHERE title LIKE ?', like),
      duplicateLabels: one(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM articles GROUP BY law_id, label HAVING count(*) > 1)'),
      duplicateLaws: one(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM laws GROUP BY title, version_key HAVING count(*) > 1)'),
      // The lexical index: one row per article, no more, no fewer.
      indexed: one(db, 'SELECT (SELECT count(*) FROM articles_fts_docsize) + (SELECT count(*) FROM superseded_fts_docsize) AS n'),
      // The reverse reference index: the round's references, and whether the table is exactly a fresh build.
      roundRefs: one(db, 'SELECT count(*) AS n FROM article_refs r JOIN articles a ON a.id = r.from_article_id JOIN laws l ON l.id = a.law_id WHERE l.title LIKE ?', like),
      refsFresh: JSON.stringify(db.prepare('SELECT from_article_id AS "from", to_article_id AS "to", ref_start AS start, ref_end AS "end" FROM article_refs ORDER BY 1, 2').all())
        === JSON.stringify(computeArticleRefs(db).sort((x, y) => x.from - y.from || x.to - y.to)),
    };
  } finally {
    db.close();
  }
}

describe('kill -9 of an import', () => {
  it(`${KILLS} kills at random points: the source is in whole or not at all, and a re-run completes it once`, async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'lexbone.db');
    const base = new Library(dbPath);
    base.import(FIXTURE_CORPUS);
    base.close();

    const rand = rng(SEED);
    const log: string[] = [];
    let killedMidWrite = 0;
    let killed = 0;
    for (let k = 0; k < KILLS; k++) {
      const source = roundSource(dir, k);
      const before = importCensus(dbPath, k);
      // Seeded points spread over the run: the first kills while the process starts and parses,
      // the others once the write transaction has reached a random share of the laws (the progress
      // lines on stderr are written inside it), a few ms later; the last may land after the commit.
      const early = k < 3;
      const atMs = Math.floor(rand() * 300);
      const atPercent = Math.min(100, 10 * Math.ceil(((k - 2) / (KILLS - 3)) * 10));
      const extraMs = Math.floor(rand() * 25);
      const point = early ? `${atMs} ms after start` : `${atPercent}% written + ${extraMs} ms`;
      const child = startCli(['import', source, '--db', dbPath]);
      let stderr = '';
      let timer: NodeJS.Timeout | undefined;
      const kill = (ms: number) => (timer ??= setTimeout(() => child.kill('SIGKILL'), ms));
      if (early) kill(atMs);
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        const percents = [...stderr.matchAll(/indexing .* (\d+)%/g)].map((m) => Number(m[1]));
        if (!early && percents.some((p) => p >= atPercent)) kill(extraMs);
      });
      const end = await exited(child);
      clearTimeout(timer);
      const writing = /indexing/.test(stderr);
      if (end.signal === 'SIGKILL') killed++;
      if (end.signal === 'SIGKILL' && writing) killedMidWrite++;

      const after = importCensus(dbPath, k);
      const whole = after.roundArticles === LAWS * PER_LAW;
      log.push(`kill ${k + 1} at ${point}: ${end.signal ?? `exit ${end.code}`}${writing ? ' while writing' : ''} → ${whole ? 'all' : after.roundArticles === 0 ? 'none' : 'HALF'}`);
      expect(after.integrity, seedNote(log.at(-1)!)).toBe('ok');
      expect([0, LAWS * PER_LAW], seedNote(log.at(-1)!)).toContain(after.roundArticles);
      expect(after.articles, seedNote(log.at(-1)!)).toBe(before.articles + after.roundArticles);
      expect(after.indexed).toBe(after.articles);
      expect(after.roundRefs, seedNote(log.at(-1)!)).toBe(after.roundArticles);
      expect(after.refsFresh, seedNote(log.at(-1)!)).toBe(true);

      // The re-run adds what the killed run did not, once.
      const rerun = runCli(['import', source, '--db', dbPath, '--json']);
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(JSON.parse(rerun.stdout).articlesAdded).toBe(whole ? 0 : LAWS * PER_LAW);
      const done = importCensus(dbPath, k);
      expect(done).toMatchObject({ integrity: 'ok', roundArticles: LAWS * PER_LAW, roundHashes: LAWS * PER_LAW, roundLaws: LAWS, duplicateLabels: 0, duplicateLaws: 0 });
      expect(done.articles).toBe(before.articles + LAWS * PER_LAW);
      expect(done.indexed).toBe(done.articles);
      expect(done).toMatchObject({ roundRefs: LAWS * PER_LAW, refsFresh: true });
    }
    process.stdout.write(`kill-import (seed ${SEED}):\n  ${log.join('\n  ')}\n`);
    expect(killed, seedNote(log.join('; '))).toBeGreaterThanOrEqual(KILLS - 2);
    expect(killedMidWrite, seedNote(log.join('; '))).toBeGreaterThanOrEqual(KILLS - 5);
  }, 180_000);
});

/** Vectors of the (one) index: both tables, distinct ids, articles without one, vectors without an article. */
function vectorCensus(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    loadVectorExtension(db);
    const info = listIndexes(db)[0];
    const articles = one(db, 'SELECT count(*) AS n FROM articles');
    if (!info) return { integrity: db.pragma('integrity_check', { simple: true }) as string, articles, state: null, knn: 0, docs: 0, distinct: 0, missing: articles, orphans: 0 };
    const { knn, docs } = info.tables;
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      articles,
      state: info.state,
      knn: one(db, `SELECT count(*) AS n FROM ${knn}`),
      docs: one(db, `SELECT count(*) AS n FROM ${docs}`),
      distinct: one(db, `SELECT count(DISTINCT rowid) AS n FROM ${knn}`),
      missing: one(db, `SELECT count(*) AS n FROM articles a WHERE a.id NOT IN (SELECT article_id FROM ${docs})`),
      orphans: one(db, `SELECT count(*) AS n FROM ${docs} d WHERE d.article_id NOT IN (SELECT id FROM articles)`),
    };
  } finally {
    db.close();
  }
}

interface Progress {
  phase: string;
  done: number;
  total: number;
  embedded?: number;
  complete?: boolean;
}

/** Runs the indexing child; `killAfter` embed reports (plus a few ms, to land inside a batch) it is killed. */
function indexRun(dbPath: string, killAfter: { reports: number; extraMs: number } | null) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'index-child.ts'), dbPath, join(BUILTIN_MODELS, 'builtin-embedder-stage2'), '40', '15'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Progress[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const line of parts) {
      const p = JSON.parse(line) as Progress;
      lines.push(p);
      if (killAfter && p.phase === 'embed' && lines.filter((l) => l.phase === 'embed').length === killAfter.reports) {
        setTimeout(() => child.kill('SIGKILL'), killAfter.extraMs);
      }
    }
  });
  return exited(child).then((end) => ({ ...end, lines, stderr }));
}

describe('kill -9 of an indexing run', () => {
  it(`${KILLS} kills at random points: whole batches only, each re-run embeds only the rest, one vector per article at the end`, async () => {
    const dbPath = join(tempDir(), 'lexbone.db');
    syntheticLibrary(dbPath, { laws: 100, articlesPerLaw: 20, supersededEvery: 7 }).close(); // 2000 articles
    const rand = rng(SEED + 1);
    const log: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const before = vectorCensus(dbPath);
      const reports = 1 + Math.floor(rand() * 4);
      const extraMs = Math.floor(rand() * 30);
      const run = await indexRun(dbPath, { reports, extraMs });
      const after = vectorCensus(dbPath);
      const embedTotal = run.lines.find((l) => l.phase === 'embed')?.total;
      log.push(`kill ${k + 1} after ${reports} batches + ${extraMs} ms: ${run.signal ?? `exit ${run.code}`}, vectors ${before.docs} → ${after.docs}`);
      expect(run.signal, seedNote(`${log.at(-1)}: ${run.stderr}`)).toBe('SIGKILL');
      // Resumed: it planned only the articles without a vector.
      expect(embedTotal, seedNote(log.at(-1)!)).toBe(before.articles - before.docs);
      expect(after.integrity, seedNote(log.at(-1)!)).toBe('ok');
      expect(after.state).toBe('building');
      expect(after.knn, seedNote(log.at(-1)!)).toBe(after.docs); // each batch wrote both tables or neither
      expect(after.distinct).toBe(after.docs);
      expect(after.orphans).toBe(0);
      expect(after.missing).toBe(after.articles - after.docs);
      const reported = run.lines.filter((l) => l.phase === 'embed').at(-1)!.done;
      expect(after.docs - before.docs).toBeGreaterThanOrEqual(reported); // every reported batch was committed
      expect(after.docs).toBeLessThan(after.articles);
    }
    const left = vectorCensus(dbPath);
    const last = await indexRun(dbPath, null);
    expect(last.code, last.stderr).toBe(0);
    expect(last.lines.at(-1)).toMatchObject({ phase: 'report', embedded: left.articles - left.docs, unchanged: left.docs, complete: true });
    const done = vectorCensus(dbPath);
    process.stdout.write(`kill-index (seed ${SEED}):\n  ${log.join('\n  ')}\n  final run embedded ${left.articles - left.docs}\n`);
    expect(done).toEqual({ integrity: 'ok', articles: 2000, state: 'ready', knn: 2000, docs: 2000, distinct: 2000, missing: 0, orphans: 0 });
  }, 180_000);
});

describe('kill -9 of the service while it imports', () => {
  it('a first-run import killed 3 times while writing is redone whole on the next start', async () => {
    const dir = tempDir();
    const corpus = roundSource(dir, 7);
    const rand = rng(SEED + 2);
    for (let k = 0; k < 3; k++) {
      const service = await startService(dir, { corpus, args: ['--no-models'] });
      try {
        // Into the write transaction (the "indexing" phase, or "references" after it), then a seeded few ms more.
        for (;;) {
          const status = await service.call<{ state: string; progress: { phase: string } | null }>('status');
          expect(status.state, seedNote(`start ${k + 1}`)).toBe('importing');
          if (status.progress?.phase === 'indexing' || status.progress?.phase === 'references') break;
          await new Promise((r) => setTimeout(r, 5));
        }
        await new Promise((r) => setTimeout(r, Math.floor(rand() * 40)));
      } finally {
        process.kill(service.pid, 'SIGKILL');
        await service.stop();
      }
      const left = importCensus(join(dir, 'lexbone.db'), 7);
      expect(left.integrity, seedNote(`kill ${k + 1}`)).toBe('ok');
      expect(left.articles, seedNote(`kill ${k + 1}`)).toBe(0); // the transaction never committed: nothing half-written
    }
    const service = await startService(dir, { corpus, args: ['--no-models'] });
    try {
      await service.ready({ models: false });
      const stats = await service.call<{ articles: { current: number } }>('stats');
      expect(stats.articles.current).toBe(LAWS * PER_LAW);
    } finally {
      await service.stop();
    }
    expect(importCensus(join(dir, 'lexbone.db'), 7)).toMatchObject({ integrity: 'ok', articles: LAWS * PER_LAW, roundHashes: LAWS * PER_LAW, duplicateLabels: 0, duplicateLaws: 0, indexed: LAWS * PER_LAW, roundRefs: LAWS * PER_LAW, refsFresh: true });
  }, 120_000);
});

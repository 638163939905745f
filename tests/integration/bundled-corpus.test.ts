import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/run-cli';
import { BUNDLED_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * The shipped corpus, end to end through the CLI (its speed: tests/perf/bundled-corpus-speed.test.ts): import, idempotency, the example
 * queries, and a kill -9 in the middle of an import.
 */
const tempDir = useTempDirs('all');
let db: string;
let firstImport: { lawsAdded: number; articlesAdded: number };

beforeAll(() => {
  db = join(tempDir(), 'x.db');
  const r = runCli(['import', BUNDLED_CORPUS, '--db', db, '--json']);
  expect(r.status, r.stderr).toBe(0);
  firstImport = JSON.parse(r.stdout);
}, 120_000);

describe('the bundled corpus', () => {
  it('imports every law version', () => {
    expect(firstImport.lawsAdded).toBeGreaterThan(1400);
    const stats = JSON.parse(runCli(['stats', '--json', '--db', db]).stdout);
    // STARD's corpus: the latest versions of the laws hold 58,625 articles.
    expect(stats.articles.current).toBe(58_625);
    expect(stats.laws.superseded).toBeGreaterThan(50);
  });

  it('adds nothing on a second import', () => {
    const again = JSON.parse(runCli(['import', BUNDLED_CORPUS, '--db', db, '--json']).stdout);
    expect(again).toMatchObject({ lawsAdded: 0, lawsUpdated: 0, articlesAdded: 0, articlesUpdated: 0, articlesRemoved: 0 });
  });

  it('finds the Civil Code marriage book for a layperson child-support question', () => {
    const r = runCli(['search', '离婚后孩子抚养费怎么算', '--json', '--db', db]);
    const res = JSON.parse(r.stdout);
    const marriageBook = res.hits.filter(
      (h: { law: { shortTitle: string }; path: string[] }) => h.law.shortTitle === '民法典' && h.path[0] === '婚姻家庭编',
    );
    expect(marriageBook.length).toBeGreaterThan(0);
  });

  it('opens 民法典第1085条 directly', () => {
    const r = runCli(['article', '民法典第1085条', '--db', db]);
    expect(r.stdout.split('\n')[0]).toBe('《中华人民共和国民法典》第一千零八十五条');
    expect(r.stdout).toContain('抚养费');
  });

  it('survives kill -9 in the middle of an import: nothing half-written, and a re-run completes', async () => {
    const killed = join(tempDir(), 'killed.db');
    for (const atPercent of [20, 60]) {
      const child = startCli(['import', BUNDLED_CORPUS, '--db', killed]);
      await new Promise<void>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = [...err.matchAll(/indexing .* (\d+)%/g)].at(-1);
          if (m && Number(m[1]) >= atPercent) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`the import ended before ${atPercent}%: ${err}`)));
      });
      await new Promise((r) => child.once('exit', r));
      const raw = new Database(killed, { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((raw.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(0);
      raw.close();
    }
    const done = JSON.parse(runCli(['import', BUNDLED_CORPUS, '--db', killed, '--json']).stdout);
    expect(done.articlesAdded).toBe(firstImport.articlesAdded);
    const raw = new Database(killed, { readonly: true });
    const fts = raw
      .prepare(
        `SELECT (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'body : "违约"')
              + (SELECT count(*) FROM superseded_fts WHERE superseded_fts MATCH 'body : "违约"') AS n`,
      )
      .get() as { n: number };
    const like = raw.prepare(`SELECT count(*) AS n FROM articles WHERE text LIKE '%违约%'`).get() as { n: number };
    expect(fts.n).toBe(like.n); // one index entry per article, no duplicates
    raw.close();
  }, 120_000);
});

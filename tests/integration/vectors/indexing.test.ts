import type { Database } from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { indexArticles, type IndexProgress } from '../../../electron/backbone/vectors/indexer';
import { getIndex, vectorIndexKey, type VectorIndexInfo } from '../../../electron/backbone/vectors/registry';
import { useTempDirs } from '../../helpers/temp';
import { syntheticLibrary } from './synthetic-corpus';
import { HashEmbedder } from './test-embedder';

const tempDir = useTempDirs();
const KEY = vectorIndexKey('test-hash', 16);
const n = (db: Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/** Vectors in both tables, the distinct article ids among them, and articles without one. */
function census(db: Database, info: VectorIndexInfo) {
  const { knn, docs } = info.tables;
  return {
    articles: n(db, 'SELECT count(*) AS n FROM articles'),
    knn: n(db, `SELECT count(*) AS n FROM ${knn}`),
    docs: n(db, `SELECT count(*) AS n FROM ${docs}`),
    distinct: n(db, `SELECT count(DISTINCT rowid) AS n FROM ${knn}`),
    missing: n(db, `SELECT count(*) AS n FROM articles a WHERE a.id NOT IN (SELECT article_id FROM ${docs})`),
    orphans: n(db, `SELECT count(*) AS n FROM ${docs} d WHERE d.article_id NOT IN (SELECT id FROM articles)`),
  };
}

function expectOneVectorPerArticle(db: Database): void {
  const c = census(db, getIndex(db, KEY)!);
  expect(c).toEqual({ articles: c.articles, knn: c.articles, docs: c.articles, distinct: c.articles, missing: 0, orphans: 0 });
}

function library(articles = 400): Database {
  const db = syntheticLibrary(join(tempDir(), 'lexbone.db'), { laws: articles / 20, articlesPerLaw: 20 });
  loadVectorExtension(db);
  return db;
}

describe('indexing articles', () => {
  it('stores one vector per article under its article id (BigInt rowids) and marks the index ready', async () => {
    const db = library();
    const embedder = new HashEmbedder();
    const progress: IndexProgress[] = [];
    const r = await indexArticles(db, embedder, { fingerprint: 'fp-1', batchSize: 64, onProgress: (p) => progress.push(p) });
    expect(r).toMatchObject({ articles: 400, embedded: 400, removed: 0, complete: true, aborted: false });
    expect(r.index).toMatchObject({ key: KEY, state: 'ready', articleCount: 400, quantization: 'float' });
    expectOneVectorPerArticle(db);
    expect(embedder.calls).toBe(7); // ceil(400 / 64)
    // rowid = article id, readable back as an integer; a JS number would have been refused.
    const info = getIndex(db, KEY)!;
    const ids = db.prepare(`SELECT rowid AS id FROM ${info.tables.knn} ORDER BY rowid`).all() as { id: number }[];
    expect(ids.map((r) => r.id)).toEqual((db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id));
    expect(() => db.prepare(`INSERT INTO ${info.tables.knn} (rowid, embedding, current) VALUES (?, ?, 1)`).run(99999, Buffer.alloc(64))).toThrow(
      /integer/i,
    );
    const embeds = progress.filter((p) => p.phase === 'embed');
    expect(embeds.at(-1)).toMatchObject({ done: 400, total: 400, etaMs: 0 });
    expect(embeds[0]!.articlesPerSecond).toBeGreaterThan(0);
    expect(progress.at(-1)!.phase).toBe('done');
    db.close();
  });

  it('resumes an aborted run and ends with exactly one vector per article', async () => {
    const db = library();
    const embedder = new HashEmbedder();
    const ctl = new AbortController();
    const first = await indexArticles(db, embedder, {
      fingerprint: 'fp-1', batchSize: 50, signal: ctl.signal,
      onProgress: (p) => p.phase === 'embed' && p.done >= 150 && ctl.abort(),
    });
    expect(first).toMatchObject({ embedded: 150, complete: false, aborted: true });
    expect(first.index.state).toBe('building');
    expect(census(db, first.index).docs).toBe(150);
    embedder.texts = [];
    const second = await indexArticles(db, embedder, { fingerprint: 'fp-1', batchSize: 50 });
    expect(second).toMatchObject({ embedded: 250, unchanged: 150, complete: true });
    expect(embedder.texts).toHaveLength(250);
    expectOneVectorPerArticle(db);
    db.close();
  });

  it('abandons the batch in flight as soon as the signal aborts', async () => {
    const db = library(100);
    const embedder = new HashEmbedder();
    embedder.delayMs = 10_000;
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const t = performance.now();
    const r = await indexArticles(db, embedder, { fingerprint: 'fp-1', signal: ctl.signal });
    expect(performance.now() - t).toBeLessThan(embedder.delayMs); // did not wait for the batch being embedded
    expect(r).toMatchObject({ embedded: 0, aborted: true, complete: false });
    db.close();
  });

  it('re-embeds only new and changed articles and deletes the vectors of removed ones', async () => {
    const db = library();
    const embedder = new HashEmbedder();
    await indexArticles(db, embedder, { fingerprint: 'fp-1' });
    embedder.texts = [];
    const again = await indexArticles(db, embedder, { fingerprint: 'fp-1' });
    expect(again).toMatchObject({ embedded: 0, unchanged: 400, removed: 0, complete: true });
    expect(embedder.texts).toEqual([]);

    db.prepare("UPDATE articles SET text = '用人单位应当支付经济补偿。' WHERE id IN (3, 7)").run();
    db.prepare('DELETE FROM articles WHERE id IN (10, 11, 12)').run();
    const lawId = n(db, 'SELECT min(id) AS n FROM laws');
    db.prepare(`INSERT INTO articles (law_id, label, number, sub, ordinal, path, text, hash) VALUES (?, '第99条', 99, 0, 99000, '[]', '新增条文。', 'x')`).run(lawId);
    const third = await indexArticles(db, embedder, { fingerprint: 'fp-1' });
    expect(third).toMatchObject({ embedded: 3, removed: 3, unchanged: 395, complete: true });
    expect(embedder.texts.filter((t) => t.includes('用人单位应当支付经济补偿'))).toHaveLength(2);
    expect(embedder.texts.filter((t) => t.includes('新增条文'))).toHaveLength(1);
    expectOneVectorPerArticle(db);
    expect(getIndex(db, KEY)!.articleCount).toBe(398);

    // The law's short title is part of the embedded text: renaming it re-embeds its articles.
    const law = db.prepare('SELECT id, (SELECT count(*) FROM articles a WHERE a.law_id = laws.id) AS n FROM laws ORDER BY id DESC LIMIT 1').get() as { id: number; n: number };
    db.prepare("UPDATE laws SET short_title = '改名法' WHERE id = ?").run(law.id);
    embedder.texts = [];
    const fourth = await indexArticles(db, embedder, { fingerprint: 'fp-1' });
    expect(fourth.embedded).toBe(law.n);
    expect(embedder.texts.every((t) => t.startsWith('《改名法》'))).toBe(true);
    db.close();
  });

  it('survives kill -9 of the indexing process: the database is intact and a re-run completes it', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'lexbone.db');
    syntheticLibrary(dbPath, { laws: 150, articlesPerLaw: 20 }).close(); // 3000 articles
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'index-child.ts'), dbPath, '50', '25'], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killedAt = await new Promise<IndexProgress>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        for (const line of buf.split('\n').slice(0, -1)) {
          const p = JSON.parse(line) as IndexProgress;
          if (p.phase === 'embed') {
            child.kill('SIGKILL');
            resolve(p);
            return;
          }
        }
        buf = buf.slice(buf.lastIndexOf('\n') + 1);
      });
      child.on('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before embedding: ${stderr}`)));
    });
    await new Promise((r) => child.on('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAt.done).toBeLessThan(3000);

    const db = openDatabase(dbPath);
    loadVectorExtension(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const info = getIndex(db, KEY)!;
    expect(info.state).toBe('building');
    const partial = census(db, info);
    expect(partial.docs).toBeGreaterThanOrEqual(killedAt.done);
    expect(partial.docs).toBeLessThan(3000);
    expect(partial.knn).toBe(partial.docs); // each batch wrote both tables or neither

    const embedder = new HashEmbedder('test-hash', 16);
    const r = await indexArticles(db, embedder, { fingerprint: 'fp-1', batchSize: 200 });
    expect(r).toMatchObject({ complete: true, embedded: 3000 - partial.docs, unchanged: partial.docs });
    expectOneVectorPerArticle(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

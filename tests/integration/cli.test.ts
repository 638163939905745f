import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA } from '../../electron/backbone/store/migrations';
import { runCli } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('CLI', () => {
  it('imports, searches, prints an article and stats against --db', () => {
    const db = join(tempDir(), 'x.db');
    const imp = runCli(['import', FIXTURE_CORPUS, '--db', db]);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/laws: 5 added/);
    expect(imp.stdout).toMatch(/skipped 1 files/);
    expect(imp.stderr).toMatch(/indexing .* 100%/); // the progress line

    const search = runCli(['search', '违约金', '--json', '--limit', '2', '--db', db]);
    expect(search.status, search.stderr).toBe(0);
    const res = JSON.parse(search.stdout);
    expect(res.hits).toHaveLength(2);
    expect(res.hits[0].citation).toBe('《中华人民共和国民法典》第五百八十五条');

    const text = runCli(['search', '违约金', '--db', db]);
    expect(text.stdout).toContain('[违约金]');

    const art = runCli(['article', '劳动合同法 第三十九条', '--db', db]);
    expect(art.status).toBe(0);
    expect(art.stdout.split('\n')[0]).toBe('《中华人民共和国劳动合同法》第三十九条');
    expect(art.stdout).toContain('严重违反用人单位的规章制度');

    const stats = JSON.parse(runCli(['stats', '--json', '--db', db]).stdout);
    expect(stats.laws).toEqual({ current: 4, superseded: 1 });
    expect(stats.schemaVersion).toBe(LATEST_SCHEMA);
  });

  it('uses the user data folder when --db is not given', () => {
    const home = tempDir();
    const r = runCli(['import', join(FIXTURE_CORPUS, '刑法'), '--json'], { LEXBONE_HOME: home });
    expect(r.status, r.stderr).toBe(0);
    const stats = JSON.parse(runCli(['stats', '--json'], { LEXBONE_HOME: home }).stdout);
    expect(stats.dbPath).toBe(join(home, 'lexbone.db'));
    expect(stats.articles.total).toBe(2);
  });

  it('exits non-zero with a typed message on errors and bad usage', () => {
    const db = join(tempDir(), 'x.db');
    const missing = runCli(['import', '/no/such/folder', '--db', db]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/error \[FILE_NOT_FOUND\]: .*\/no\/such\/folder does not exist/);
    runCli(['import', FIXTURE_CORPUS, '--db', db]);
    const notCitation = runCli(['article', '随便说点什么吧，不是引用', '--db', db]);
    expect(notCitation.status).toBe(1);
    expect(notCitation.stderr).toContain('[CITATION_NOT_UNDERSTOOD]');
    expect(runCli(['frobnicate', '--db', db]).status).toBe(2);
    expect(runCli(['search', '--db', db]).status).toBe(2);
  });
});

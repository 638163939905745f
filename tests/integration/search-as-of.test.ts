import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { ModelRuntime } from '../../electron/backbone/runtime/model-runtime';
import { dispatch } from '../../electron/contract/dispatch';
import { SearchRequest } from '../../electron/contract/schemas';
import type { ApiHandlers } from '../../electron/contract/api';
import type { SearchResponse } from '../../electron/contract/types';
import { writeTestModels } from '../helpers/builtin-models';
import { runCli } from '../helpers/run-cli';
import { useFixtureRuntime } from '../helpers/fixture-runtime';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * `asOf`: the law as it stood on a date, over the fixture corpus. 劳动合同法 has two versions,
 * 2007-06-29 (its 第三十九条 says 二〇〇七年文本) and 2012-12-28; 刑法 is dated 2015-08-29, 民法典
 * 2021-01-01 and the interpretation 2020-12-29. Each retrieval path — citation, lexical, dense
 * (real embedder in a real inference host, real sqlite-vec) — must serve only the versions in force.
 */
const tempDir = useTempDirs('all');
let lib: Library;
let runtime: ModelRuntime;
useFixtureRuntime((l, dir) => {
  writeTestModels(l, join(dir, 'models'));
  return [join(dir, 'models')];
}, (fx) => ({ lib, runtime } = fx));

const search = (query: string, extra: Record<string, unknown> = {}): Promise<SearchResponse> =>
  lib.search(SearchRequest.parse({ query, ...extra }));
const versionsOf = (res: SearchResponse): string[] => [...new Set(res.hits.map((h) => `${h.law.shortTitle} ${h.law.versionDate}`))].sort();

describe('search as of a date', () => {
  it('a citation as of 2010 resolves to the 2007 text, as of 2013 to the 2012 text', async () => {
    const old = await search('劳动合同法第三十九条', { asOf: '2010-01-01' });
    expect(old.mode).toBe('citation');
    expect(old.hits[0]!.law.versionDate).toBe('2007-06-29');
    expect(old.hits[0]!.law.status).toBe('superseded');
    expect(old.hits[0]!.snippet.map((s) => s.text).join('')).toContain('二〇〇七年文本');

    const now = await search('劳动合同法第三十九条', { asOf: '2013-01-01' });
    expect(now.hits[0]!.law.versionDate).toBe('2012-12-28');
    // Without asOf a citation means the version in force today.
    expect((await search('劳动合同法第三十九条')).hits[0]!.law.versionDate).toBe('2012-12-28');
  });

  it('the day of a version date is in force on that day', async () => {
    expect((await search('劳动合同法第三十九条', { asOf: '2012-12-28' })).hits[0]!.law.versionDate).toBe('2012-12-28');
    expect((await search('劳动合同法第三十九条', { asOf: '2012-12-27' })).hits[0]!.law.versionDate).toBe('2007-06-29');
  });

  it('a law enacted after the date is left out: no citation hit, no search hit', async () => {
    // 民法典 is dated 2021-01-01: in 2010 it did not exist.
    const res = await search('民法典第1085条', { asOf: '2010-01-01' });
    expect(res.mode).not.toBe('citation');
    expect(res.hits.filter((h) => h.law.shortTitle === '民法典')).toEqual([]);
    // 劳动合同法 2012 has 第三十八条 but the 2007 text has not: as of 2010 the citation finds nothing.
    expect((await search('劳动合同法第三十八条', { asOf: '2010-01-01' })).mode).not.toBe('citation');
  });

  it('lexical search as of 2010 finds 第三十九条 in the 2007 text only', async () => {
    const res = await search('用人单位可以解除劳动合同', { asOf: '2010-01-01', retriever: 'lexical', preset: 'quick' });
    const hit = res.hits.find((h) => h.label === '第三十九条');
    expect(hit?.law.versionDate).toBe('2007-06-29');
    expect(versionsOf(res)).toEqual(['劳动合同法 2007-06-29']);
    // Today the same query finds the 2012 text and never the 2007 one.
    const today = await search('用人单位可以解除劳动合同', { retriever: 'lexical', preset: 'quick' });
    expect(today.hits.find((h) => h.label === '第三十九条')?.law.versionDate).toBe('2012-12-28');
    expect(today.hits.some((h) => h.law.versionDate === '2007-06-29')).toBe(false);
  });

  it('dense search as of 2010 returns only articles of versions in force then', async () => {
    const res = await search('用人单位可以解除劳动合同', { asOf: '2010-01-01', retriever: 'dense', preset: 'quick' });
    expect(res.mode).toBe('dense');
    expect(res.hits.length).toBeGreaterThan(0);
    expect(versionsOf(res)).toEqual(['劳动合同法 2007-06-29']);
    // Unfiltered, dense search reaches the other laws too: the filter, not the query, made the difference.
    const all = await search('用人单位可以解除劳动合同', { retriever: 'dense', preset: 'quick', includeSuperseded: true });
    expect(versionsOf(all).length).toBeGreaterThan(1);
  });

  it('hybrid search as of 2016 serves 刑法 and the 2012 劳动合同法, not 民法典 or the 2007 text', async () => {
    const res = await search('用人单位 解除 劳动合同 犯罪 抚养费', { asOf: '2016-01-01', preset: 'research' });
    expect(res.mode).toBe('hybrid');
    const versions = versionsOf(res);
    expect(versions).toContain('劳动合同法 2012-12-28');
    expect(versions.every((v) => v === '劳动合同法 2012-12-28' || v === '刑法 2015-08-29')).toBe(true);
  });

  it('a law filter as of a date means that law’s version then', async () => {
    const res = await search('解除劳动合同', { asOf: '2010-01-01', law: '劳动合同法', preset: 'quick' });
    expect(versionsOf(res)).toEqual(['劳动合同法 2007-06-29']);
    const before = await search('解除劳动合同', { asOf: '2000-01-01', law: '劳动合同法', preset: 'quick' });
    expect(before.hits).toEqual([]);
  });

  it('a law filter with superseded versions covers every version of that law', async () => {
    const res = await search('用人单位可以解除劳动合同', { law: '劳动合同法', includeSuperseded: true, preset: 'research' });
    expect(versionsOf(res)).toEqual(['劳动合同法 2007-06-29', '劳动合同法 2012-12-28']);
    const current = await search('用人单位可以解除劳动合同', { law: '劳动合同法', preset: 'research' });
    expect(versionsOf(current)).toEqual(['劳动合同法 2012-12-28']);
  });

  it('a malformed or impossible date is refused with a message that says how to write it', async () => {
    const handlers = { search: (req: never) => lib.search(req) } as unknown as ApiHandlers;
    const bad = await dispatch(handlers, 'search', { query: '解除劳动合同', asOf: '2010/01/01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(!bad.ok && bad.error.message).toContain('YYYY-MM-DD');
    const impossible = await dispatch(handlers, 'search', { query: '解除劳动合同', asOf: '2023-02-30' });
    expect(!impossible.ok && impossible.error.message).toContain('no such date');
  });

  it('the CLI takes --as-of, and refuses a date that does not exist with exit code 1', () => {
    const db = join(tempDir(), 'cli.db');
    expect(runCli(['import', FIXTURE_CORPUS, '--db', db]).status).toBe(0);
    const ok = runCli(['search', '劳动合同法第三十九条', '--as-of', '2010-01-01', '--json', '--db', db]);
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as SearchResponse).hits[0]!.law.versionDate).toBe('2007-06-29');
    const bad = runCli(['search', '解除', '--as-of', '2010-13-01', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--as-of: no such date');
  });
});

/**
 * The `contextPack` method over the fixture library (tests/fixtures/corpus plus the renumbered and
 * repeated versions of tests/fixtures/law-versions, real SQLite), through the contract's dispatch
 * and the app service's real handlers, so validation, typed errors and the served library are
 * covered too. No models: the search is lexical (BM25), so its order is fixed.
 *
 * What the fixture gives: 劳动合同法 2012 第八十七条 cites 本法第四十七条; 劳动合同法 has a 2007
 * version (第三十九条 only); 示例运输条例 2016 repeats 2010's 第一条 and 2023's 第二条 word for word.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../electron/backbone/app-service';
import { Library } from '../../electron/backbone/library';
import type { ContextPack, PackedArticle } from '../../electron/contract/assistant-types';
import { dispatch } from '../../electron/contract/dispatch';
import type { ApiMethod } from '../../electron/contract/methods';
import type { ArticleView, SearchHit, SearchResponse } from '../../electron/contract/types';
import { ROOT } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const LAW_VERSIONS = join(import.meta.dirname, '..', 'fixtures', 'law-versions');
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const tempDir = useTempDirs('all');
let service: AppService;

beforeAll(async () => {
  const dbPath = join(tempDir(), 'lexbone.db');
  const lib = new Library(dbPath);
  lib.import(FIXTURE_CORPUS);
  lib.import(LAW_VERSIONS);
  lib.close();
  service = createAppService({ dbPath, corpusPath: null, importWorkerPath: WORKER, evaluationPath: null });
  service.start();
  await service.idle();
});
afterAll(() => service.close());

async function call<T>(method: ApiMethod, body: unknown): Promise<T> {
  const r = await dispatch(service.handlers, method, body);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const pack = (body: Record<string, unknown>) => call<ContextPack>('contextPack', body);

const articles = new Map<number, ArticleView>();
async function article(ref: number | string): Promise<ArticleView> {
  if (typeof ref === 'string') return call<ArticleView>('article', { citation: ref });
  if (!articles.has(ref)) articles.set(ref, await call<ArticleView>('article', { id: ref }));
  return articles.get(ref)!;
}

// The pack's text, written out here from the documented format rather than with pack-text.ts.
const SEP = '\n\n';
const validity = (v: { versionDate: string | null; inForce: boolean }) =>
  `${v.versionDate ? `${v.versionDate} 版本` : '版本日期不详'}，${v.inForce ? '现行有效' : '已被新版本取代（历史版本）'}`;
const header = (rank: number, citation: string, v: { versionDate: string | null; inForce: boolean }) => `[${rank}] ${citation}（${validity(v)}）`;
const block = (a: PackedArticle) =>
  [`${header(a.rank, a.citation, a)}\n${a.text}`, ...a.cites.map((c) => `  所引 ${c.citation}（${validity(c)}）\n  ${c.text.replaceAll('\n', '\n  ')}`)].join('\n');
/** A hit's stored text (read into the cache by `article` before). */
const seenText = (h: SearchHit) => articles.get(h.articleId)!.text;
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const labels = (p: ContextPack) => p.articles.map((a) => a.citation.replace(/^《[^》]*》/, ''));

describe('contextPack: whole provisions within the budget', () => {
  // Queries whose lexical hits cover the interesting cases: a long list (劳动合同), a citing article
  // (赔偿金), duplicate texts across versions (运输经营, 申请登记), a past version (asOf).
  const QUERIES: Record<string, unknown>[] = [
    { query: '劳动合同' }, { query: '劳动合同', includeSuperseded: true }, { query: '解除劳动合同', includeSuperseded: true },
    { query: '赔偿金' }, { query: '违约金' }, { query: '离婚' }, { query: '运输经营', includeSuperseded: true },
    { query: '申请登记', includeSuperseded: true }, { query: '劳动合同', asOf: '2010-01-01' },
  ];
  // The fixture's hits fill at most ~1.2k characters: most budgets are drawn below that, where cutting happens.
  const budget = fc.oneof(fc.integer({ min: 500, max: 1500 }), fc.integer({ min: 500, max: 20_000 }));

  it('any budget and count: chars = text.length <= maxChars, the text is exactly its whole blocks, the greedy order is kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...QUERIES), budget, fc.integer({ min: 1, max: 20 }), fc.boolean(), async (q, maxChars, count, cited) => {
        const p = await pack({ ...q, maxChars, articles: count, cited });
        expect(p.charBudget).toBe(maxChars);
        expect(p.chars).toBe(p.text.length);
        expect(p.chars).toBeLessThanOrEqual(maxChars);
        // Nothing but whole blocks: each article's block, its cited provisions under it, joined by a blank line.
        expect(p.text).toBe(p.articles.map(block).join(SEP));
        // Whole provisions: each text is the stored article's text, and appears whole in the pack.
        const ids: number[] = [];
        for (const a of p.articles) {
          expect(a.text).toBe((await article(a.articleId)).text);
          expect(p.text).toContain(a.text);
          ids.push(a.articleId);
          for (const c of a.cites) {
            expect(c.text).toBe((await article(c.articleId)).text);
            expect(p.text).toContain(c.text.replaceAll('\n', '\n  '));
            expect(a.text).toContain(c.reference);
            ids.push(c.articleId);
          }
          if (!cited) expect(a.cites).toEqual([]);
        }
        expect(new Set(ids).size, 'an article id twice').toBe(ids.length);
        // The pack reads twice as many hits as places; its chosen ones are the distinct texts among them, in order.
        const res = await call<SearchResponse>('search', { ...q, limit: Math.min(200, count * 2) });
        const chosen: SearchHit[] = [];
        const seen = new Set<string>();
        let duplicates = 0;
        for (const h of res.hits) {
          if (chosen.length === count) break;
          const key = (await article(h.articleId)).text.replace(/\s+/g, '');
          if (seen.has(key)) {
            duplicates++;
          } else {
            chosen.push(h);
            seen.add(key);
          }
        }
        expect(p.duplicates).toBe(duplicates);
        expect(p.omitted).toBe(chosen.length - p.articles.length);
        // Rank order: the packed articles are the chosen ones in order, each ranked by its place among them;
        // one left out did not fit after those before it.
        let used = 0;
        let next = 0;
        chosen.forEach((h, i) => {
          const a = p.articles[next];
          if (a?.articleId === h.articleId) {
            expect(a.rank).toBe(i + 1);
            used += (used === 0 ? 0 : SEP.length) + `${header(a.rank, a.citation, a)}\n${a.text}`.length;
            next++;
          } else {
            const v = { versionDate: h.law.versionDate, inForce: h.law.status === 'current' };
            const cost = (used === 0 ? 0 : SEP.length) + `${header(i + 1, h.citation, v)}\n${seenText(h)}`.length;
            expect(used + cost, `${h.citation} was left out although it fit`).toBeGreaterThan(maxChars);
          }
        });
        expect(next, 'a packed article that is not among the chosen ones').toBe(p.articles.length);
      }),
      { numRuns: 80, seed: 20_261_206 },
    );
  });
  it('keeps the rank order: an article longer than what is left is left out, a shorter one after it is packed', async () => {
    const full = await pack({ query: '劳动合同', cited: false, maxChars: 200_000 });
    // 劳动合同法's five articles (第八十七条 ranks 4th: 劳动合同 occurs twice in it), then 民法典's three.
    expect(labels(full)).toEqual(['第三十八条', '第八十二条', '第三十九条', '第八十七条', '第四十七条', '第五百八十四条', '第五百七十七条', '第五百八十五条']);
    const sizes = full.articles.map((a) => `${header(a.rank, a.citation, a)}\n${a.text}`.length);
    const firstFive = sizes.slice(0, 5).reduce((s, n) => s + n, 0) + 4 * SEP.length;
    // 第五百八十四条 (7th) is longer than 第五百七十七条 (8th): a budget that fits the first five and the 8th alone.
    expect(sizes[5]).toBeGreaterThan(sizes[6]!);
    const maxChars = firstFive + SEP.length + sizes[6]!;
    const p = await pack({ query: '劳动合同', cited: false, maxChars });
    expect(labels(p)).toEqual(['第三十八条', '第八十二条', '第三十九条', '第八十七条', '第四十七条', '第五百七十七条']);
    expect(p.articles.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 7]); // the rank is the search's, gaps and all
    expect(p.text).toContain('\n\n[7] 《中华人民共和国民法典》第五百七十七条（2021-01-01 版本，现行有效）\n当事人一方不履行合同义务');
    expect(p).toMatchObject({ chars: maxChars, omitted: 2, duplicates: 0 });
    // One character less and 第五百七十七条 does not fit either.
    const less = await pack({ query: '劳动合同', cited: false, maxChars: maxChars - 1 });
    expect(labels(less)).toEqual(labels(p).slice(0, 5));
    expect(less).toMatchObject({ chars: firstFive, omitted: 3 });
  });

  it('keeps `articles` places: the first N of the search, the rest not counted as omitted', async () => {
    const p = await pack({ query: '劳动合同', cited: false, articles: 3, maxChars: 20_000 });
    expect(labels(p)).toEqual(['第三十八条', '第八十二条', '第三十九条']);
    expect(p).toMatchObject({ omitted: 0, duplicates: 0, charBudget: 20_000 });
  });

  it('defaults: 8 articles in 8000 characters, with the search budget and why retrieval was degraded', async () => {
    const p = await pack({ query: '劳动合同' });
    expect(p.charBudget).toBe(8000);
    expect(p.articles).toHaveLength(8);
    expect(p.query).toBe('劳动合同');
    expect(p.budget).toMatchObject({ k: expect.any(Number), n: expect.any(Number) });
    expect(p.degraded).toMatch(/reranker/); // no models in this library
    expect(p.degradedZh).toEqual(expect.any(String));
  });
});

describe('contextPack: deduplication', () => {
  it('the same text in two versions of a law is packed once, and counted as a duplicate', async () => {
    const p = await pack({ query: '运输经营', includeSuperseded: true, articles: 20, maxChars: 20_000 });
    const search = await call<SearchResponse>('search', { query: '运输经营', includeSuperseded: true, limit: 40 });
    // 示例运输条例 2016 第一条 = 2010 第一条 and 2016 第二条 = 2023 第二条: two of the nine hits repeat a text.
    expect(search.hits).toHaveLength(9);
    expect(p).toMatchObject({ duplicates: 2, omitted: 0 });
    expect(p.articles).toHaveLength(7);
    expect(occurrences(p.text, '为了规范运输经营，制定本条例。')).toBe(1);
    expect(occurrences(p.text, '从事运输经营的，应当在十五日内书面报告。')).toBe(1);
    const texts = p.articles.map((a) => a.text.replace(/\s+/g, ''));
    expect(new Set(texts).size).toBe(texts.length);
    // Each text is packed from its best-ranked hit: the 2023 第二条, not 2016's copy of it.
    const second = p.articles.find((a) => a.text === '从事运输经营的，应当在十五日内书面报告。')!;
    expect(second).toMatchObject({ citation: '《示例运输条例》第二条', versionDate: '2023-07-20', inForce: true });
    expect(p.articles.filter((a) => a.versionDate === '2016-02-06')).toEqual([]);
  });

  it('the renumbered 示例登记办法: 2015 第二条 is 2021 第三条 word for word, packed once', async () => {
    const p = await pack({ query: '申请登记', includeSuperseded: true, articles: 20, maxChars: 20_000 });
    expect(p.duplicates).toBe(1);
    expect(occurrences(p.text, '申请登记的，应当提交身份证明和不动产权属证明材料。')).toBe(1);
    expect(p.articles.find((a) => a.text === '申请登记的，应当提交身份证明和不动产权属证明材料。')).toMatchObject({
      citation: '《示例登记办法》第三条', versionDate: '2021-06-01', inForce: true,
    });
  });

  it('an article already packed is not added again as the provision another one cites', async () => {
    // 第八十七条 cites 本法第四十七条, and 第四十七条 is itself a hit of 劳动合同.
    const p = await pack({ query: '劳动合同', maxChars: 20_000 });
    const a87 = p.articles.find((a) => a.citation === '《中华人民共和国劳动合同法》第八十七条')!;
    expect(p.articles.some((a) => a.citation === '《中华人民共和国劳动合同法》第四十七条')).toBe(true);
    expect(a87.cites).toEqual([]);
    expect(occurrences(p.text, (await article('劳动合同法第四十七条')).text)).toBe(1);
  });
});

describe('contextPack: cited provisions', () => {
  it('第八十七条 brings 本法第四十七条 whole, with the reference as written, its citation and validity', async () => {
    const a47 = await article('劳动合同法第四十七条');
    const a87 = await article('劳动合同法第八十七条');
    const p = await pack({ query: '赔偿金', maxChars: 20_000 });
    // 赔偿金 is in 第八十七条 alone of 劳动合同法; 第四十七条 is not a hit.
    expect(p.articles[0]!.articleId).toBe(a87.articleId);
    expect(p.articles.some((a) => a.articleId === a47.articleId)).toBe(false);
    expect(p.articles[0]!.cites).toEqual([
      { articleId: a47.articleId, citation: '《中华人民共和国劳动合同法》第四十七条', reference: '第四十七条', text: a47.text, versionDate: '2012-12-28', status: 'current', inForce: true },
    ]);
    expect(a87.text).toContain('依照本法第四十七条规定');
    expect(p.text.startsWith(
      `[1] 《中华人民共和国劳动合同法》第八十七条（2012-12-28 版本，现行有效）\n${a87.text}\n` +
        `  所引 《中华人民共和国劳动合同法》第四十七条（2012-12-28 版本，现行有效）\n  ${a47.text}\n\n[2] `,
    )).toBe(true);
    expect(p.articles.slice(1).every((a) => a.cites.length === 0)).toBe(true);
  });

  it('cited: false packs none; a cited provision that does not fit whole is left out, the articles stay', async () => {
    const without = await pack({ query: '赔偿金', cited: false, maxChars: 20_000 });
    expect(without.articles.every((a) => a.cites.length === 0)).toBe(true);
    expect(without.text).not.toContain('所引');
    const withCites = await pack({ query: '赔偿金', maxChars: 20_000 });
    const citedBlock = withCites.chars - without.chars; // the provision's block and the newline above it
    expect(citedBlock).toBeGreaterThan(100);
    for (const [maxChars, fits] of [[without.chars, false], [withCites.chars - 1, false], [withCites.chars, true]] as const) {
      const p = await pack({ query: '赔偿金', maxChars });
      expect(p.articles.map((a) => a.articleId), `${maxChars}`).toEqual(without.articles.map((a) => a.articleId));
      expect(p.articles[0]!.cites.length, `${maxChars}`).toBe(fits ? 1 : 0);
      expect(p.chars).toBe(fits ? withCites.chars : without.chars);
    }
  });
});

describe('contextPack: validity', () => {
  it('current versions are in force; the 2007 劳动合同法 is superseded, asked as of 2010 or with superseded versions', async () => {
    const now = await pack({ query: '劳动合同', maxChars: 20_000 });
    expect(now.articles.length).toBeGreaterThan(0);
    for (const a of now.articles) expect(a).toMatchObject({ status: 'current', inForce: true, versionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(now.text).not.toContain('历史版本');

    const then = await pack({ query: '劳动合同', asOf: '2010-01-01', maxChars: 20_000 });
    expect(then.articles).toEqual([expect.objectContaining({ citation: '《中华人民共和国劳动合同法》第三十九条', versionDate: '2007-06-29', status: 'superseded', inForce: false })]);
    expect(then.text.startsWith('[1] 《中华人民共和国劳动合同法》第三十九条（2007-06-29 版本，已被新版本取代（历史版本））\n劳动者有下列情形之一的')).toBe(true);

    const both = await pack({ query: '解除劳动合同', includeSuperseded: true, maxChars: 20_000, articles: 20 });
    const art39 = both.articles.filter((a) => a.citation === '《中华人民共和国劳动合同法》第三十九条').map((a) => [a.versionDate, a.status, a.inForce]);
    expect(art39).toEqual([['2012-12-28', 'current', true], ['2007-06-29', 'superseded', false]]);
  });
});

describe('contextPack: bad input is refused before any search', () => {
  it.each([
    ['maxChars under 500', { query: '违约金', maxChars: 100 }, 'maxChars'],
    ['maxChars over 200000', { query: '违约金', maxChars: 200_001 }, 'maxChars'],
    ['no articles', { query: '违约金', articles: 0 }, 'articles'],
    ['more than 50 articles', { query: '违约金', articles: 51 }, 'articles'],
    ['a fraction of an article', { query: '违约金', articles: 1.5 }, 'articles'],
    ['an unknown field', { query: '违约金', limit: 5 }, 'limit'],
    ['no query', { maxChars: 1000 }, 'query'],
    ['an empty query', { query: '  ' }, 'query'],
    ['cited not a boolean', { query: '违约金', cited: 'yes' }, 'cited'],
    ['a date that does not exist', { query: '违约金', asOf: '2020-02-30' }, 'asOf'],
  ])('%s → INVALID_REQUEST naming the field, in English and Chinese', async (_what, body, field) => {
    const r = await dispatch(service.handlers, 'contextPack', body);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_REQUEST');
    expect(r.error.message).toContain(field);
    expect(r.error.messageZh).toMatch(/^请求无效：/);
    expect(r.error.messageZh).toContain(field);
  });
});

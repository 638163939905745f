import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkFeatureNamesWithPriors,
  FEATURES,
  featureVectorWithPriors,
} from '../../../../electron/backbone/pipeline/rerank-features';
import type { RerankCandidate } from '../../../../electron/backbone/pipeline/stages';
import { BigramTfidf, charBigrams } from '../../../../electron/backbone/pipeline/bigram-tfidf';
import { buildPriors, loadPriors, PRIOR_FEATURE_NAMES, savePriors, type PriorTrainingQuery } from '../../../../electron/backbone/pipeline/feature-priors';

// Laws 10 (劳动法, wages) and 20 (婚姻法); articles 101, 102 in law 10, 201, 202 in law 20, by their stable keys.
const LAW: Record<number, string> = { 10: '劳动法', 20: '婚姻法', 99: '刑法' };
const ART: Record<number, string> = { 101: '劳动法第一条', 102: '劳动法第二条', 201: '婚姻法第一条', 202: '婚姻法第二条', 999: '刑法第九条' };
const keys = (articleId: number, lawId: number) => ({ article: ART[articleId]!, law: LAW[lawId]! });
const query = (question: string, articles: number[], law: number): PriorTrainingQuery => ({
  question, articles: articles.map((a) => ART[a]!), laws: articles.map(() => LAW[law]!),
});
const TRAIN: PriorTrainingQuery[] = [
  query('公司拖欠工资怎么办', [101], 10),
  query('老板拖欠工资不给怎么办', [102], 10),
  query('离婚后孩子抚养权归谁', [201], 20),
  query('离婚时财产如何分割', [202, 201], 20),
];
// 5 citations, 2 laws, 4 articles.
const priors = buildPriors(TRAIN, { topM: 3 });
const f = (q: string, articleId: number, lawId: number) => priors.features(q, keys(articleId, lawId));

describe('char-bigram tf-idf', () => {
  it('counts letter/digit bigrams only', () => {
    expect(Object.fromEntries(charBigrams('工资，工资A1'))).toEqual({ 工资: 2, 资a: 1, a1: 1 });
  });

  it('finds identical text at similarity 1 and skips unrelated or excluded texts', () => {
    const index = new BigramTfidf(TRAIN.map((q) => q.question));
    const hits = index.nearest('公司拖欠工资怎么办', 10);
    expect(hits[0]).toEqual({ doc: 0, sim: expect.closeTo(1, 12) });
    expect(hits.map((h) => h.doc)).toEqual([0, 1]); // the marriage questions share no bigram
    expect(index.nearest('公司拖欠工资怎么办', 10, (d) => d === 0).map((h) => h.doc)).toEqual([1]);
    expect(index.nearest('刑法', 10)).toEqual([]);
  });
});

describe('prior features', () => {
  it('out of fold: a train query does not see its own citations', () => {
    const own = f('公司拖欠工资怎么办', 101, 10);
    // 101 is cited only by this query: its article prior is that of an article nobody cites.
    expect(own.article_prior).toBe(f('公司拖欠工资怎么办', 999, 10).article_prior);
    expect(own.article_prior).toBeCloseTo(Math.log(1 / (4 + 4 + 1)), 12);
    // law 10: 2 citations − 1 own = 1 → ln(2 / (4 + 2 + 1))
    expect(own.law_prior).toBeCloseTo(Math.log(2 / 7), 12);
    // The only similar question left (老板拖欠工资…) cites 102 in law 10.
    expect(own.similar_queries_article).toBe(0);
    expect(own.similar_queries_law).toBeCloseTo(1, 12);
    expect(f('公司拖欠工资怎么办', 102, 10).similar_queries_article).toBeCloseTo(1, 12);
    // Surrounding whitespace does not defeat the exclusion.
    expect(f(' 公司拖欠工资怎么办\n', 101, 10)).toEqual(own);
  });

  it('a new question sees all train queries', () => {
    const q = '工资被公司拖欠了怎么办';
    expect(f(q, 101, 10).article_prior).toBeCloseTo(Math.log(2 / (5 + 4 + 1)), 12);
    expect(f(q, 201, 20).article_prior).toBeCloseTo(Math.log(3 / 10), 12);
    expect(f(q, 101, 10).law_prior).toBeCloseTo(Math.log(3 / (5 + 2 + 1)), 12);
    // Both wage questions are neighbours; their similarity-weighted shares sum to 1.
    const a = f(q, 101, 10).similar_queries_article;
    const b = f(q, 102, 10).similar_queries_article;
    expect(a).toBeGreaterThan(b); // 公司拖欠工资怎么办 is closer
    expect(a + b).toBeCloseTo(1, 12);
    expect(f(q, 101, 10).similar_queries_law).toBeCloseTo(1, 12);
    expect(f(q, 201, 20).similar_queries_law).toBe(0);
  });

  it('nearby: similar questions citing a neighbouring article of the same law, by distance', () => {
    const nb = buildPriors(
      [
        { question: '拖欠工资怎么办', articles: ['劳动法第五十条'], laws: ['劳动法'] },
        { question: '公司拖欠工资', articles: ['劳动法第五十三条', '婚姻法第五十条'], laws: ['劳动法', '婚姻法'] },
      ],
      { topM: 5 },
    );
    const at = (article: string, law = '劳动法') => nb.features('拖欠工资的问题', { article, law });
    const a51 = at('劳动法第五十一条');
    // 第五十条 is 1 away; 第五十三条 is 2 away: only the first counts within ±1, both within ±3.
    const [w50, w53] = [nb.features('拖欠工资的问题', { article: '劳动法第五十条', law: '劳动法' }).similar_queries_article, at('劳动法第五十三条').similar_queries_article];
    expect(w50).toBeGreaterThan(0);
    expect(a51.similar_queries_nearby_1).toBeCloseTo(w50, 12);
    expect(a51.similar_queries_nearby_3).toBeCloseTo(w50 + w53, 12);
    expect(a51.similar_queries_nearby_10).toBeCloseTo(w50 + w53, 12);
    // The cited article itself is not its own neighbour; another law's 第五十条 does not count.
    expect(at('劳动法第五十条').similar_queries_nearby_1).toBe(0);
    expect(at('劳动法第五十条').similar_queries_nearby_3).toBeCloseTo(w53, 12);
    expect(at('婚姻法第五十一条', '婚姻法').similar_queries_nearby_1).toBeCloseTo(w53, 12);
    expect(at('劳动法第九十条').similar_queries_nearby_10).toBe(0);
    expect(at('劳动法第六十条').similar_queries_nearby_10).toBeCloseTo(w50 + w53, 12);
  });

  it('keeps only the top-m neighbours', () => {
    const one = buildPriors(TRAIN, { topM: 1 });
    const q = '工资被公司拖欠了怎么办';
    expect(one.features(q, keys(101, 10)).similar_queries_article).toBeCloseTo(1, 12);
    expect(one.features(q, keys(102, 10)).similar_queries_article).toBe(0);
  });

  it('absolute similarities: a near copy of a train question weighs more than a distant one, where the shares cannot tell', () => {
    const index = new BigramTfidf(TRAIN.map((q) => q.question));
    const sim = (q: string, doc: number) => index.nearest(q, 10).find((h) => h.doc === doc)!.sim;
    const near = '公司拖欠工资怎么办呢'; // nearly 公司拖欠工资怎么办 (cites 101)
    const far = '拖欠了工资'; // shares little with either wage question
    const one = buildPriors(TRAIN, { topM: 1 });
    // With one neighbour each, both questions give 101 or 102 the whole share …
    expect(one.features(near, keys(101, 10)).similar_queries_article).toBe(1);
    expect(Math.max(one.features(far, keys(101, 10)).similar_queries_article, one.features(far, keys(102, 10)).similar_queries_article)).toBe(1);
    // … while the absolute features keep how similar that neighbour is.
    const n = f(near, 101, 10);
    expect(n.similar_queries_article_max).toBeCloseTo(sim(near, 0), 12);
    expect(n.nearest_question_similarity).toBeCloseTo(sim(near, 0), 12);
    expect(n.similar_queries_law_max).toBeCloseTo(sim(near, 0), 12);
    expect(f(far, 101, 10).nearest_question_similarity).toBeLessThan(n.nearest_question_similarity - 0.3);
    // The sum is not normalised: 201 is cited by the two marriage questions, each counted at its similarity.
    const q = '离婚后孩子抚养和财产分割';
    expect(f(q, 201, 20).similar_queries_article_sum).toBeCloseTo(sim(q, 2) + sim(q, 3), 12);
    expect(f(q, 202, 20).similar_queries_article_sum).toBeCloseTo(sim(q, 3), 12);
    expect(f(q, 201, 20).similar_queries_article_max).toBeCloseTo(Math.max(sim(q, 2), sim(q, 3)), 12);
    expect(f(q, 101, 10).similar_queries_article_max).toBe(0);
  });

  it('absolute similarities look past the top-m shares, and out of fold', () => {
    const one = buildPriors(TRAIN, { topM: 1 });
    const q = '工资被公司拖欠了怎么办';
    // 102's question is not the nearest (no share) but is among the wide neighbours.
    expect(one.features(q, keys(102, 10)).similar_queries_article).toBe(0);
    expect(one.features(q, keys(102, 10)).similar_queries_article_max).toBeGreaterThan(0);
    expect(one.features(q, keys(102, 10)).similar_queries_article_sum).toBe(0); // the sum keeps to the top m
    // A train question does not see itself: its nearest is the other wage question.
    const own = f('公司拖欠工资怎么办', 101, 10);
    expect(own.similar_queries_article_max).toBe(0);
    expect(own.nearest_question_similarity).toBeGreaterThan(0);
    expect(own.nearest_question_similarity).toBeLessThan(1);
  });

  it('returns every declared name', () => {
    expect(Object.keys(f('离婚', 201, 20)).sort()).toEqual([...PRIOR_FEATURE_NAMES].sort());
  });
});

describe('priors.json', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'lexbone-priors-'));
    dirs.push(d);
    return d;
  };

  it('round-trips: the loaded provider computes the same features', () => {
    const dir = tmp();
    savePriors(dir, priors);
    const loaded = loadPriors(dir);
    expect(loaded.topM).toBe(3);
    for (const q of ['公司拖欠工资怎么办', '离婚后孩子归谁抚养', '工资被拖欠', '刑法'])
      for (const [a, l] of [[101, 10], [202, 20], [999, 99]] as const) expect(loaded.features(q, keys(a, l))).toEqual(f(q, a, l));
  });

  it('a missing or malformed file is a model error naming the folder', () => {
    const dir = tmp();
    expect(() => loadPriors(dir)).toThrow(expect.objectContaining({ code: 'MODEL_FILE_MISSING' }));
    writeFileSync(join(dir, 'priors.json'), JSON.stringify({ format: 'lexbone-priors', version: 2, topM: 3, queries: [{ question: 1 }] }));
    expect(() => loadPriors(dir)).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
  });
});

describe('feature vectors with priors', () => {
  const candidate = (articleId: number, lawTitle: string, label = '第一条'): RerankCandidate => ({
    articleId, lawTitle, label, path: [], text: '用人单位应当按时足额支付劳动报酬。', lexical: { rank: 4, score: 7 }, dense: null, fusedRank: 2,
  });

  it('mixes registry and prior features in manifest order', () => {
    const names = ['lexical_rr', 'similar_queries_law', 'law_prior'];
    const v = featureVectorWithPriors(names, '工资被公司拖欠了怎么办', candidate(101, '中华人民共和国劳动法'), priors);
    expect(Array.from(v)).toEqual([0.25, 1, Math.fround(Math.log(3 / 8))]);
  });

  it('needs a provider for prior names, and checks names against both', () => {
    expect(() => featureVectorWithPriors(['law_prior'], 'q', candidate(101, '劳动法'), null)).toThrow(/PriorFeatureProvider/);
    expect(Array.from(featureVectorWithPriors(['fused_rr'], 'q', candidate(101, '劳动法'), null))).toEqual([0.5]);
    expect(checkFeatureNamesWithPriors(['fused_rr', 'law_prior', 'nope'], priors)).toEqual(['nope']);
    expect(checkFeatureNamesWithPriors(['law_prior'], null)).toEqual(['law_prior']);
  });

  it('title_bigram_overlap: share of the short title’s bigrams named in the query', () => {
    // 劳动合同法 → 劳动 动合 合同 同法; the query names the first three.
    expect(FEATURES.title_bigram_overlap!('签了劳动合同公司不认', candidate(1, '中华人民共和国劳动合同法'))).toBe(0.75);
    expect(FEATURES.title_bigram_overlap!('离婚', candidate(1, '中华人民共和国劳动合同法'))).toBe(0);
  });
});

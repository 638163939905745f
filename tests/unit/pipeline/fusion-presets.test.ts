import { describe, expect, it } from 'vitest';
import { fuse, RRF_K, selectCandidates } from '../../../electron/backbone/pipeline/fusion';
import { PRESETS, resolveBudget } from '../../../electron/backbone/pipeline/presets';
import { featureVector } from '../../../electron/backbone/pipeline/rerank-features';

describe('weighted reciprocal rank fusion', () => {
  it('adds weight/(60+rank) per list, by hand', () => {
    const fused = fuse([
      { source: 'dense', weight: 1, items: [{ articleId: 1, score: 0.9 }, { articleId: 2, score: 0.8 }] },
      { source: 'lexical', weight: 0.5, items: [{ articleId: 2, score: 12 }, { articleId: 3, score: 7 }] },
    ]);
    // 2: 1/62 + 0.5/61 = 0.024325; 1: 1/61 = 0.016393; 3: 0.5/62 = 0.008065
    expect(fused.map((c) => c.articleId)).toEqual([2, 1, 3]);
    expect(fused[0]!.fused).toBeCloseTo(1 / (RRF_K + 2) + 0.5 / (RRF_K + 1), 12);
    expect(fused[0]!.lexical).toEqual({ rank: 1, score: 12 });
    expect(fused[0]!.dense).toEqual({ rank: 2, score: 0.8 });
    expect(fused[2]!.dense).toBeNull();
  });

  it('a zero-weight list keeps its ranks but does not reorder', () => {
    const fused = fuse([
      { source: 'dense', weight: 0, items: [{ articleId: 9, score: 1 }] },
      { source: 'lexical', weight: 1, items: [{ articleId: 5, score: 3 }, { articleId: 9, score: 2 }] },
    ]);
    expect(fused.map((c) => c.articleId)).toEqual([5, 9]);
    expect(fused[1]!.dense?.rank).toBe(1);
  });
});

describe('choosing the K candidates', () => {
  // dense ranks articles 1..60, lexical ranks 101..103 (found by nothing else): with weights 1 and 0.5,
  // every lexical-only hit fuses below dense's 60th (0.5/61 ≈ 0.0082 < 1/120 ≈ 0.0083).
  const dense = Array.from({ length: 60 }, (_, i) => ({ articleId: i + 1, score: 1 - i / 100 }));
  const lexical = [101, 102, 103].map((articleId, i) => ({ articleId, score: 10 - i }));
  const fused = fuse([
    { source: 'dense', weight: 1, items: dense },
    { source: 'lexical', weight: 0.5, items: lexical },
  ]);

  it('weighted RRF alone keeps exactly dense’s top K', () => {
    expect(fused.slice(0, 60).every((c) => c.dense !== null)).toBe(true);
  });

  it('reserved slots keep each list’s best, fill the rest in fused order, and keep fused order', () => {
    const picked = selectCandidates(fused, 60, { lexical: 0.05, dense: 0 });
    expect(picked).toHaveLength(60);
    // ceil(0.05 × 60) = 3 lexical slots: all three lexical-only hits are in, dense's 58–60 are out.
    expect(picked.map((c) => c.articleId).filter((id) => id > 100)).toEqual([101, 102, 103]);
    expect(picked.some((c) => c.articleId === 58)).toBe(false);
    expect(picked.slice(0, 57).map((c) => c.articleId)).toEqual(dense.slice(0, 57).map((d) => d.articleId));
    // No reserve: RRF's own top K.
    expect(selectCandidates(fused, 60, { lexical: 0, dense: 0 }).map((c) => c.articleId)).toEqual(fused.slice(0, 60).map((c) => c.articleId));
    // Fewer than K: all of them.
    expect(selectCandidates(fused.slice(0, 10), 60)).toHaveLength(10);
  });
});

describe('budgets', () => {
  it('has the paper operating points', () => {
    expect(PRESETS.standard).toMatchObject({ k: 60, n: 10 });
    expect(resolveBudget({})).toEqual({ preset: 'standard', k: 60, n: 10 });
    expect(resolveBudget({ preset: 'research' })).toEqual({ preset: 'research', k: 300, n: 50 });
  });

  it('lets a request override K and N, and caps N at K', () => {
    expect(resolveBudget({ preset: 'quick', n: 0 })).toEqual({ preset: 'quick', k: 20, n: 0 });
    expect(resolveBudget({ k: 5 })).toEqual({ preset: null, k: 5, n: 5 });
    expect(resolveBudget({ k: 100, n: 30 })).toEqual({ preset: null, k: 100, n: 30 });
  });
});

describe('rerank features', () => {
  it('computes named features from what the first stage knows', () => {
    const c = {
      articleId: 1, lawTitle: '中华人民共和国劳动合同法', label: '第一条', path: [], text: '用人单位可以解除劳动合同',
      lexical: { rank: 2, score: 10 }, dense: null, fusedRank: 4,
    };
    const v = featureVector(['lexical_rr', 'dense_score', 'fused_rr', 'title_in_query', 'bigram_overlap'], '劳动合同法解除', c);
    expect(Array.from(v)).toEqual([0.5, 0, 0.25, 1, Math.fround(4 / 6)]);
  });
});

import { describe, expect, it } from 'vitest';
import { articleEmbeddingText, embeddingTextHash, HEAD_MAX_CHARS, TEXT_MAX_CHARS } from '../../../electron/backbone/vectors/article-text';

describe('articleEmbeddingText', () => {
  it('is the law title in book-title marks, the headings, then the article text', () => {
    const t = articleEmbeddingText({ shortTitle: '民法典', path: ['第三编 合同', '第八章 违约责任'], text: '当事人一方不履行合同义务的，\n应当承担违约责任。' });
    expect(t).toBe('《民法典》 第三编 合同 第八章 违约责任\n当事人一方不履行合同义务的， 应当承担违约责任。');
  });

  it('works without headings', () => {
    expect(articleEmbeddingText({ shortTitle: '刑法', path: [], text: '为了惩罚犯罪。' })).toBe('《刑法》\n为了惩罚犯罪。');
  });

  it('cuts a long article at a sentence end near the limit, keeping the heading line whole', () => {
    const sentence = '用人单位应当依法建立和完善劳动规章制度，保障劳动者享有劳动权利、履行劳动义务。'; // 40 chars
    const t = articleEmbeddingText({ shortTitle: '劳动合同法', path: ['第一章 总则'], text: sentence.repeat(40) });
    expect(t.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(t.length).toBeGreaterThan(TEXT_MAX_CHARS * 0.8);
    expect(t.startsWith('《劳动合同法》 第一章 总则\n')).toBe(true);
    expect(t.endsWith('。')).toBe(true);
  });

  it('cuts mid-sentence when no sentence ends in the last fifth, and caps the heading line', () => {
    const t = articleEmbeddingText({ shortTitle: '法', path: ['章'.repeat(200)], text: '字'.repeat(2000) });
    const [head, body] = t.split('\n');
    expect(head!.length).toBe(HEAD_MAX_CHARS);
    expect(t.length).toBe(TEXT_MAX_CHARS);
    expect(body).toMatch(/^字+$/);
  });

  it('hashes the text, so any change to it (or to the recipe) re-embeds', () => {
    const a = embeddingTextHash('《刑法》\n为了惩罚犯罪。');
    expect(a).toBe(embeddingTextHash('《刑法》\n为了惩罚犯罪。'));
    expect(a).not.toBe(embeddingTextHash('《刑法》\n为了惩罚犯罪'));
  });
});

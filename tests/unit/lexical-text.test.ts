import { describe, expect, it } from 'vitest';
import { tokenize, toIndexText } from '../../electron/backbone/text/bigrams';
import { buildFtsQuery } from '../../electron/backbone/search/fts-query';
import { makeSnippet } from '../../electron/backbone/text/snippet';

describe('bigram tokenisation', () => {
  it('turns Han runs into overlapping bigrams and keeps words', () => {
    expect(toIndexText('离婚后，Word 2024年')).toBe('离婚 婚后 word 2024 年');
    expect(tokenize('婚姻').map((t) => t.text)).toEqual(['婚姻']);
  });

  it('keeps offsets into the source text', () => {
    const t = tokenize('一、违约');
    expect(t.at(-1)).toEqual({ text: '违约', start: 2, end: 4 });
  });
});

describe('FTS query building', () => {
  it('quotes every token so FTS syntax in user input is plain text', () => {
    const q = buildFtsQuery('违约 OR NEAR * "')!;
    expect(q.match).toBe('"违约" OR "or" OR "near"');
  });

  it('makes a quoted phrase a required run of consecutive tokens', () => {
    const q = buildFtsQuery('"二倍的工资" 劳动')!;
    expect(q.match).toContain('"二倍 倍的 的工 工资"');
    expect(q.match.startsWith('"二倍 倍的 的工 工资" AND')).toBe(true);
  });

  it('treats Chinese quotation marks in a question as plain text', () => {
    expect(buildFtsQuery('什么是“正当防卫”')!.match).not.toContain('AND');
  });

  it('returns null for a query with no searchable characters', () => {
    expect(buildFtsQuery('？！…')).toBeNull();
  });
});

describe('snippets', () => {
  it('marks matched words and keeps the text intact', () => {
    const segs = makeSnippet('约定的违约金过分高于造成的损失的', ['违约', '约金']);
    expect(segs.map((s) => s.text).join('')).toBe('约定的违约金过分高于造成的损失的');
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['违约金']);
  });

  it('centres a long text on its matches', () => {
    const text = '甲'.repeat(400) + '抚养费' + '乙'.repeat(400);
    const segs = makeSnippet(text, ['抚养', '养费'], 100);
    expect(segs[0]).toEqual({ text: '…', hit: false });
    expect(segs.some((s) => s.hit && s.text === '抚养费')).toBe(true);
    expect(segs.map((s) => s.text).join('').length).toBeLessThanOrEqual(102);
  });
});

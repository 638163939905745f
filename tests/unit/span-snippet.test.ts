import { describe, expect, it } from 'vitest';
import { makeSpanSnippet } from '../../electron/backbone/text/snippet';

const show = (segs: { text: string; hit: boolean }[]) => segs.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

describe('a snippet around a reference', () => {
  it('a short text whole, the span marked', () => {
    expect(show(makeSpanSnippet('依照本法第四十七条处理。', 4, 9, 100))).toBe('依照本法[第四十七条]处理。');
  });

  it('a long text from the start of the reference’s sentence, cut at maxChars, with ellipses', () => {
    const text = `${'甲'.repeat(80)}。依照本法第二条处理${'乙'.repeat(80)}`;
    const start = text.indexOf('第二条');
    expect(show(makeSpanSnippet(text, start, start + 3, 30))).toBe(`…依照本法[第二条]处理${'乙'.repeat(21)}…`);
  });

  it('a sentence that starts far before the reference: a little before it', () => {
    const text = `${'甲'.repeat(80)}依照本法第二条${'乙'.repeat(80)}`;
    const start = text.indexOf('第二条');
    const segs = makeSpanSnippet(text, start, start + 3, 30);
    expect(show(segs)).toBe(`…${'甲'.repeat(6)}依照本法[第二条]${'乙'.repeat(17)}…`);
    expect(segs.filter((s) => s.text !== '…').map((s) => s.text).join('')).toHaveLength(30);
  });
});

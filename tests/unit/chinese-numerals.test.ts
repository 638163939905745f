import { describe, expect, it } from 'vitest';
import { formatChineseNumber, parseChineseNumber } from '../../electron/backbone/text/chinese-numerals';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1], ['十', 10], ['十五', 15], ['二十', 20], ['五十四', 54], ['一百', 100], ['一百零五', 105],
    ['一百一十', 110], ['五百八十四', 584], ['一千', 1000], ['一千零一', 1001], ['一千零八十五', 1085],
    ['一千二百六十', 1260], ['两千', 2000], ['584', 584], ['５８４', 584],
  ])('parses %s as %i', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });

  it('rejects text that is not a number', () => {
    expect(parseChineseNumber('条')).toBeNull();
    expect(parseChineseNumber('')).toBeNull();
    expect(parseChineseNumber('一九')).toBeNull();
  });

  it.each([[1, '一'], [10, '十'], [15, '十五'], [54, '五十四'], [105, '一百零五'], [110, '一百一十'], [1085, '一千零八十五'], [1260, '一千二百六十'], [2001, '二千零一']])(
    'formats %i as %s',
    (n, text) => {
      expect(formatChineseNumber(n)).toBe(text);
    },
  );

  it('round-trips every article number up to 1300', () => {
    for (let n = 1; n <= 1300; n++) expect(parseChineseNumber(formatChineseNumber(n))).toBe(n);
  });
});

import { describe, expect, it } from 'vitest';
import { encodeStatic, parseStaticVocab, staticTermList } from '../../../electron/backbone/inference/static-vocab';
import { staticTokens } from '../../../electron/backbone/train/vocab';
import { STATIC_TOKENS } from '../../helpers/tiny-models';

const vocab = parseStaticVocab({ tokens: STATIC_TOKENS, unigram: true, bigram: true });
const ln2 = Math.log(2);

describe('staticTermList', () => {
  it('Han unigrams and overlapping bigrams per run; lower-cased Latin/digit words', () => {
    expect(staticTermList('合同违约，LAW-2024', vocab)).toEqual(['合', '合同', '同', '同违', '违', '违约', '约', 'law', '2024']);
  });
  it('a Latin word directly before Han text stays a word', () => {
    expect(staticTermList('PDF合同', vocab)).toEqual(['pdf', '合', '合同', '同']);
  });
  it('produces the same terms as the trainer (train/vocab.ts)', () => {
    for (const text of ['合同违约，LAW-2024', 'PDF合同第５８４条', '劳动者 may 解除劳动合同。', '一', 'ＡＢＣ']) {
      expect(staticTermList(text, vocab)).toEqual(staticTokens(text));
    }
  });
  it('unigram / bigram switches', () => {
    expect(staticTermList('合同法', { unigram: false, bigram: true })).toEqual(['合同', '同法']);
    expect(staticTermList('合同法', { unigram: true, bigram: false })).toEqual(['合', '同', '法']);
  });
});

describe('encodeStatic', () => {
  it('distinct ids in order of first occurrence, weight 1 + ln(count)', () => {
    // 合同合同 → 合 ×2, 合同 ×2 (同, 同合 are not in the vocabulary).
    const t = encodeStatic('合同合同', vocab, 32);
    expect(t.ids).toEqual([4, 1]);
    expect(t.weights[0]).toBeCloseTo(1 + ln2, 6);
    expect(t.weights[1]).toBeCloseTo(1 + ln2, 6);
  });
  it('above maxLength keeps the heaviest ids, in text order', () => {
    const t = encodeStatic('责任 合同合同', vocab, 2);
    expect(t.ids).toEqual([4, 1]);
  });
  it('index 0 is padding and never matched', () => {
    const v = parseStaticVocab({ tokens: ['合', '同'] });
    expect(encodeStatic('合同', v, 8).ids).toEqual([1]);
  });
});

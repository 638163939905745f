import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { StaticEncoder } from '../../../electron/backbone/inference/static-encoder';
import { encodeStatic, loadStaticVocab, parseStaticVocab } from '../../../electron/backbone/inference/static-vocab';

/**
 * The reader's fast encoder gives exactly encodeStatic's ids and weights (the trainer's), on the
 * shipped reader's vocabulary over bundled statute texts, at the lengths the reader uses, and on
 * edge cases: astral Han characters, lone surrogates, Latin and full-width words, truncation ties.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const vocab = loadStaticVocab(join(ROOT, 'models', 'builtin-reader-stage2'), 'vocab.json');

function corpusTexts(n: number): string[] {
  const lines = gunzipSync(readFileSync(join(ROOT, 'resources', 'corpus', 'laws-cn.jsonl.gz'))).toString('utf8').split('\n');
  const out: string[] = [];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    // A law line: `a` holds its articles as [label, number, sub, path, text].
    const law = JSON.parse(line) as { a: [string, number, number, string[], string][] };
    for (const a of law.a) {
      out.push(a[4]);
      if (out.length >= n) return out;
    }
  }
  return out;
}

describe('StaticEncoder', () => {
  it('encodes 3,000 bundled articles exactly as encodeStatic, at 256, 64 and 8 terms', () => {
    const encoder = new StaticEncoder(vocab);
    const texts = corpusTexts(3000);
    expect(texts.length).toBe(3000);
    for (const max of [256, 64, 8]) {
      for (const text of texts) expect(encoder.encode(text, max)).toEqual(encodeStatic(text, vocab, max));
    }
  });

  it('agrees on edge cases, with unigrams or bigrams alone too', () => {
    const texts = ['', '，。', '合同违约，LAW-2024', 'PDF合同第５８４条 ＡＢＣ', '𠀀𠀁合𠀀', '合\ud800同', '同同同同合合合约约', '一'];
    const tokens = ['<pad>', '合', '同', '合同', '𠀀', '𠀀𠀁', '𠀁合', '合𠀀', 'law', '2024', 'pdf', '约', '同同', '合合', '合约', 'ａｂｃ', '一'];
    for (const flags of [{ unigram: true, bigram: true }, { unigram: true, bigram: false }, { unigram: false, bigram: true }]) {
      const v = parseStaticVocab({ tokens, ...flags });
      const encoder = new StaticEncoder(v);
      for (const text of texts) for (const max of [64, 3, 1]) expect(encoder.encode(text, max), `${text} ${max} ${JSON.stringify(flags)}`).toEqual(encodeStatic(text, v, max));
    }
  });
});

/**
 * Vocabulary of the built-in `lexbone-static` embedder: every Han character seen, the most
 * frequent overlapping character bigrams, and Latin/digit words. Index 0 is reserved for padding.
 * Tokens come from the lexbone-static family's own tokeniser (inference/static-vocab.ts), so what
 * the trainer counts is exactly what the model sees.
 */
import { staticTermList } from '../inference/static-vocab';
const HAN = /\p{Script=Han}/u;

/** Unigrams, bigrams and words of a text, in order, with repeats: the inference tokeniser's rule. */
export const staticTokens = (text: string): string[] => staticTermList(text, { unigram: true, bigram: true });

export interface VocabOptions {
  /** Keep at most this many bigrams / words (by document frequency). */
  maxBigrams: number;
  /** Drop bigrams/words seen in fewer documents. */
  minDocFreq: number;
}

/** Builds the token list (index 0 = '<pad>') and each token's document frequency. */
export function buildVocab(texts: Iterable<string>, opts: VocabOptions = { maxBigrams: 100_000, minDocFreq: 2 }): { tokens: string[]; docFreq: Uint32Array; docs: number } {
  const df = new Map<string, number>();
  let docs = 0;
  for (const t of texts) {
    docs++;
    for (const tok of new Set(staticTokens(t))) df.set(tok, (df.get(tok) ?? 0) + 1);
  }
  const unigrams = [...df.keys()].filter((t) => t.length === 1 && HAN.test(t)).sort();
  const rest = [...df.entries()]
    .filter(([t, n]) => !(t.length === 1 && HAN.test(t)) && n >= opts.minDocFreq)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.maxBigrams)
    .map(([t]) => t)
    .sort();
  const tokens = ['<pad>', ...unigrams, ...rest];
  return { tokens, docFreq: Uint32Array.from(tokens, (t) => df.get(t) ?? 0), docs };
}

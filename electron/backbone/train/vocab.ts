/**
 * Vocabulary of the built-in `lexbone-static` embedder: every Han character seen, the most
 * frequent overlapping character bigrams, and Latin/digit words. Index 0 is reserved for padding.
 * The text → token rule matches the lexbone-static family's tokenizer (inference/), so what the
 * trainer counts is what the model sees.
 */
const HAN = /\p{Script=Han}/u;

/** Unigrams, bigrams and words of a text, in order, with repeats. */
export function staticTokens(text: string): string[] {
  const out: string[] = [];
  let run = '';
  let word = '';
  const flushRun = () => {
    for (let i = 0; i < run.length; i++) {
      out.push(run[i]!);
      if (i + 1 < run.length) out.push(run.slice(i, i + 2));
    }
    run = '';
  };
  const flushWord = () => {
    if (word) out.push(word.toLowerCase());
    word = '';
  };
  for (const ch of text) {
    if (HAN.test(ch)) {
      flushWord();
      run += ch;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      flushRun();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
  return out;
}

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

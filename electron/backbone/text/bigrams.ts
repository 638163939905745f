/**
 * Tokenisation for the lexical index. Runs of Han characters become overlapping character bigrams
 * (a lone Han character stays a unigram); Latin letters and digits become lower-cased words. The
 * output is space-separated, so FTS5's unicode61 tokenizer indexes exactly these tokens, and a
 * 2-character word such as 婚姻 is one token, and a phrase is a run of consecutive tokens.
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

export interface Token {
  text: string;
  /** Offset of the token's first character in the source string (UTF-16 units). */
  start: number;
  end: number;
}

/**
 * Calls `emit` with each token of `text` and its offsets, in order: Han runs and Latin/digit
 * words, no intermediate objects (the lexical mirror tokenises every article with it).
 */
export function forEachToken(text: string, emit: (token: string, start: number, end: number) => void): void {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (HAN.test(ch)) {
      const start = i;
      while (i < text.length && HAN.test(text[i]!)) i++;
      if (i - start === 1) emit(ch, start, i);
      else for (let j = start; j + 1 < i; j++) emit(text.slice(j, j + 2), j, j + 2);
    } else if (WORD.test(ch)) {
      const start = i;
      while (i < text.length && WORD.test(text[i]!) && !HAN.test(text[i]!)) i++;
      emit(text.slice(start, i).toLowerCase(), start, i);
    } else {
      i++;
    }
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (t, start, end) => out.push({ text: t, start, end }));
  return out;
}

/** The string stored in the FTS column: tokens joined by spaces. */
export function toIndexText(text: string): string {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out.join(' ');
}

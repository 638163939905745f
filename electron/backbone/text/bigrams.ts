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

/** Splits text into Han runs and Latin/digit words, keeping offsets. */
function* runs(text: string): Generator<{ han: boolean; start: number; end: number }> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (HAN.test(ch)) {
      const start = i;
      while (i < text.length && HAN.test(text[i]!)) i++;
      yield { han: true, start, end: i };
    } else if (WORD.test(ch)) {
      const start = i;
      while (i < text.length && WORD.test(text[i]!) && !HAN.test(text[i]!)) i++;
      yield { han: false, start, end: i };
    } else {
      i++;
    }
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const r of runs(text)) {
    if (!r.han) {
      out.push({ text: text.slice(r.start, r.end).toLowerCase(), start: r.start, end: r.end });
    } else if (r.end - r.start === 1) {
      out.push({ text: text[r.start]!, start: r.start, end: r.end });
    } else {
      for (let i = r.start; i + 1 < r.end; i++) out.push({ text: text.slice(i, i + 2), start: i, end: i + 2 });
    }
  }
  return out;
}

/** The string stored in the FTS column: tokens joined by spaces. */
export function toIndexText(text: string): string {
  return tokenize(text)
    .map((t) => t.text)
    .join(' ');
}

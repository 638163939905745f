/**
 * How glossary terms and queries are compared: NFKC (full-width letters, digits and brackets become
 * half-width), lower case, and no spaces or 、 (lawyers write 掩饰隐瞒犯罪所得罪 as often as
 * 掩饰、隐瞒犯罪所得罪). Pure, shared by the matcher and the checker.
 */
import type { GlossaryTarget } from './glossary-types';
import { lawKey } from '../text/normalize';

const IGNORED = /[\s\u3000、]/u;

/** The comparison form of a term: 'Ａ Ｂ、Ｃ' → 'abc'. */
export function normalizeTerm(text: string): string {
  return normalizeWithOffsets(text).text;
}

/**
 * The comparison form of a query, with the span of the original text each of its characters came
 * from (so a match found in the normalised text is reported on the query as typed).
 */
export interface NormalizedText {
  text: string;
  /** starts[i], ends[i]: the original code-unit range of normalised character i. */
  starts: number[];
  ends: number[];
}

export function normalizeWithOffsets(query: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of query) {
    const end = i + ch.length;
    const code = ch.charCodeAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) {
      // CJK unified ideographs (nearly every character of a name): NFKC and lower case leave them be.
      starts.push(i);
      ends.push(end);
      text += ch;
    } else if (!IGNORED.test(ch)) {
      const n = ch.normalize('NFKC').toLowerCase();
      for (let k = 0; k < n.length; k++) {
        starts.push(i);
        ends.push(end);
      }
      text += n;
    }
    i = end;
  }
  return { text, starts, ends };
}

/** A target's identity for comparing target sets: the law's key and the label. */
export function targetKey(t: GlossaryTarget): string {
  return `${lawKey(t.law)}|${t.label.replace(/[\s\u3000]+/g, '')}`;
}

/** The sorted, de-duplicated identities of a target list, joined: equal strings = equal sets. */
export function targetSetKey(targets: readonly GlossaryTarget[]): string {
  return [...new Set(targets.map(targetKey))].sort().join('；');
}

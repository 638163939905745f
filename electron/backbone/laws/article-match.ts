/**
 * Which article of another version of a law is "the same provision" as a given one. Revisions
 * renumber: when a 2023 revision inserts articles, its 第十二条 is the old 第十一条, and the
 * old 第十二条 is a different provision. So a comparison matches by text first: the article with
 * the most character bigrams in common (Dice), kept to its number when that one is as close; the
 * number alone is trusted only when no article's text matches and the numbered one still shares
 * some wording (a provision rewritten in place).
 */

/** An article of the version searched. */
export interface MatchCandidate {
  id: number;
  number: number;
  sub: number;
  text: string;
}

export interface ArticleMatch<T extends MatchCandidate> {
  row: T;
  /** `number`: same 第X条 (and 之X); `text`: another number whose text is the closest. */
  by: 'number' | 'text';
  /** Dice coefficient of the two texts' character bigrams, 0…1. */
  similarity: number;
}

/** At least this similar, a text is the same provision (revised at most). */
export const SAME_PROVISION = 0.5;
/** Below this, the article of the same number is another provision: no match by number alone. */
export const SAME_NUMBER_FLOOR = 0.25;
/** A renumbered match must beat the same-numbered article by this much. */
const MARGIN = 0.1;

const SKIP = /[\s\u3000]/u;

/** The set of overlapping character pairs of a text, whitespace left out. */
export function bigramSet(text: string): Set<string> {
  const chars = [...text].filter((c) => !SKIP.test(c));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) out.add(chars[0]!);
  return out;
}

export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * A version's articles with their bigram sets computed once, for several look-ups. The rows may
 * be given lazily with a look-up by number: then they are read only when the same-numbered
 * article is not the provision (most articles keep their number, and that is one indexed read).
 */
export class MatchPool<T extends MatchCandidate> {
  private readonly grams = new Map<number, Set<string>>();
  private loaded: readonly T[] | null = null;

  constructor(
    private readonly source: readonly T[] | (() => readonly T[]),
    private readonly sameNumber: (number: number, sub: number) => T | undefined = (number, sub) =>
      this.rows.find((r) => r.number === number && r.sub === sub),
  ) {}

  get rows(): readonly T[] {
    return (this.loaded ??= typeof this.source === 'function' ? this.source() : this.source);
  }

  gramsOf(row: T): Set<string> {
    let g = this.grams.get(row.id);
    if (!g) this.grams.set(row.id, (g = bigramSet(row.text)));
    return g;
  }

  /** The provision in this version that `anchor` (an article of another version) corresponds to, or null. */
  match(anchor: MatchCandidate, anchorGrams = bigramSet(anchor.text)): ArticleMatch<T> | null {
    const same = this.sameNumber(anchor.number, anchor.sub);
    const sameSim = same ? dice(anchorGrams, this.gramsOf(same)) : 0;
    if (same && sameSim >= SAME_PROVISION) return { row: same, by: 'number', similarity: sameSim };
    let best: T | null = null;
    let bestSim = 0;
    for (const r of this.rows) {
      if (r.id === same?.id) continue;
      const s = dice(anchorGrams, this.gramsOf(r));
      if (s > bestSim) [best, bestSim] = [r, s];
    }
    if (best && bestSim >= SAME_PROVISION && bestSim > sameSim + MARGIN) return { row: best, by: 'text', similarity: bestSim };
    if (same && sameSim >= SAME_NUMBER_FLOOR) return { row: same, by: 'number', similarity: sameSim };
    return null;
  }
}

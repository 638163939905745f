/**
 * Finds glossary terms in a query. Every term and alias (2 characters or more, compared in the
 * normalised form of glossary-text.ts) is indexed by its first character and length; a query is
 * scanned once per start position, looking up only the lengths that start with that character.
 * Overlaps are settled longest first (then leftmost), and the matches come back in query order.
 */
import { normalizeTerm, normalizeWithOffsets } from './glossary-text';
import type { GlossaryEntry } from './glossary-types';

export interface GlossaryMatch {
  entry: GlossaryEntry;
  /** The query text that matched, as typed. */
  matched: string;
  /** Code-unit offsets of `matched` in the query. */
  start: number;
  end: number;
}

/** Names shorter than this are not matched (one character names everything). */
const MIN_MATCH_LENGTH = 2;

interface Candidate {
  entry: GlossaryEntry;
  from: number;
  to: number;
}

export class GlossaryMatcher {
  /** normalised name → the entry it names (the first entry when two share a name: checkGlossary reports that). */
  private readonly byName = new Map<string, GlossaryEntry>();
  /** first character → the lengths of the names starting with it, longest first. */
  private readonly lengthsByFirst = new Map<string, number[]>();

  constructor(entries: readonly GlossaryEntry[]) {
    const lengths = new Map<string, Set<number>>();
    for (const entry of entries) {
      for (const name of [entry.term, ...entry.aliases]) {
        const key = normalizeTerm(name);
        if (key.length < MIN_MATCH_LENGTH || this.byName.has(key)) continue;
        this.byName.set(key, entry);
        const first = key[0]!;
        let set = lengths.get(first);
        if (!set) lengths.set(first, (set = new Set()));
        set.add(key.length);
      }
    }
    for (const [first, set] of lengths) this.lengthsByFirst.set(first, [...set].sort((a, b) => b - a));
  }

  get size(): number {
    return this.byName.size;
  }

  /** Every glossary name in the query: longest first, non-overlapping, returned in query order. */
  match(query: string): GlossaryMatch[] {
    const norm = normalizeWithOffsets(query);
    const text = norm.text;
    const candidates: Candidate[] = [];
    for (let i = 0; i + MIN_MATCH_LENGTH <= text.length; i++) {
      const lengths = this.lengthsByFirst.get(text[i]!);
      if (!lengths) continue;
      for (const len of lengths) {
        if (i + len > text.length) continue;
        const entry = this.byName.get(text.slice(i, i + len));
        if (entry) candidates.push({ entry, from: i, to: i + len });
      }
    }
    if (candidates.length === 0) return [];
    candidates.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    const taken = new Uint8Array(text.length);
    const chosen: Candidate[] = [];
    for (const c of candidates) {
      let free = true;
      for (let k = c.from; k < c.to && free; k++) free = taken[k] === 0;
      if (!free) continue;
      taken.fill(1, c.from, c.to);
      chosen.push(c);
    }
    chosen.sort((a, b) => a.from - b.from);
    return chosen.map(({ entry, from, to }) => {
      const start = norm.starts[from]!;
      const end = norm.ends[to - 1]!;
      return { entry, matched: query.slice(start, end), start, end };
    });
  }

  /** The entry whose term or alias is the whole (trimmed) query, for a direct-hit card. */
  matchWhole(query: string): GlossaryEntry | undefined {
    const key = normalizeTerm(query.trim());
    return key.length >= MIN_MATCH_LENGTH ? this.byName.get(key) : undefined;
  }
}

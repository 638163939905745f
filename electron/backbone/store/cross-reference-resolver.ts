/**
 * Resolves the cross-references in an article's text to stored articles: `本法第X条` to the same
 * law version, `《…》第X条` to the current version of the named law. A reference whose law or
 * article is not in the library keeps `articleId: null` (shown as plain text, not a dead link).
 */
import { findCrossReferences, type CrossReference } from '../text/cross-references';
import { formatCitation } from '../text/citation';
import { lawKey } from '../text/normalize';
import type { LawReader } from './law-reader';

export interface ResolvedReference extends CrossReference {
  articleId: number | null;
  /** 《中华人民共和国劳动合同法》第三十九条 when resolved, else null. */
  citation: string | null;
}

/** What resolving needs of the store (a `LawReader`, or a wrapper that caches its lookups). */
export type LawLookup = Pick<LawReader, 'law' | 'findLaw' | 'findLawExact' | 'articleByNumber'>;

export function resolveCrossReferences(reader: LawLookup, lawId: number, text: string): ResolvedReference[] {
  const lawTitles = new Map<string, { id: number; title: string } | null>();
  const target = (law: CrossReference['law']): { id: number; title: string } | null => {
    if (law === 'self') {
      const self = reader.law(lawId);
      return self ? { id: self.id, title: self.title } : null;
    }
    if (!lawTitles.has(law)) {
      const found = reader.findLaw(lawKey(law));
      lawTitles.set(law, found ? { id: found.id, title: found.title } : null);
    }
    return lawTitles.get(law)!;
  };
  const out: ResolvedReference[] = [];
  for (const found of findCrossReferences(text)) {
    let ref: CrossReference = found;
    let law: { id: number; title: string } | null;
    if (found.bareNames) {
      // A law named without 《》 counts only as exactly a stored law's name (or its abbreviation).
      const bare = bareLaw(reader, found.bareNames);
      if (!bare) continue;
      law = bare.law;
      // The link starts at the law's name (依照刑法第…: at 刑法), in the head of a list.
      const head = text.startsWith(found.bareNames[0]!, found.start);
      ref = { ...found, law: bare.name, start: head ? found.start + found.bareNames[0]!.length - bare.name.length : found.start };
    } else {
      law = target(found.law);
    }
    const row = law ? reader.articleByNumber(law.id, ref.number, ref.sub) : undefined;
    out.push({ ...ref, articleId: row?.id ?? null, citation: row && law ? formatCitation(law.title, row.label) : null });
  }
  return out;
}

function bareLaw(reader: LawLookup, names: string[]): { name: string; law: { id: number; title: string } } | null {
  for (const name of names) {
    const found = reader.findLawExact(lawKey(name));
    if (found) return { name, law: { id: found.id, title: found.title } };
  }
  return null;
}

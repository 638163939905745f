/**
 * The legal glossary: names lawyers type (crime names, doctrines, defined terms) and the articles
 * they name. Shipped as resources/glossary/glossary.json; each entry says where it came from.
 */

export type GlossaryKind = 'crime' | 'doctrine' | 'defined-term' | 'term';

export type GlossaryProvenance =
  /** Mined from the corpus: the pattern's id and up to 3 citations of the provisions it was mined from. */
  | { source: 'mined'; pattern: string; evidence: string[] }
  /** Written by hand (resources/glossary/hand-written.json); the note says which area or rule. */
  | { source: 'hand-written'; note?: string }
  /** A firm's own glossary (a CSV file), with the line the entry came from. */
  | { source: 'firm'; file: string; line: number };

/** An article: the full stored law title (中华人民共和国刑法) and its label as stored (第二百七十条). */
export interface GlossaryTarget {
  law: string;
  label: string;
}

export interface GlossaryEntry {
  term: string;
  aliases: string[];
  kind: GlossaryKind;
  targets: GlossaryTarget[];
  provenance: GlossaryProvenance[];
}

export interface GlossaryFile {
  format: 'lexbone-glossary';
  version: number;
  entries: GlossaryEntry[];
}

export const GLOSSARY_FORMAT = 'lexbone-glossary';

/** Terms and aliases are at most this long (longer text is a sentence, not a name). */
export const MAX_TERM_LENGTH = 40;

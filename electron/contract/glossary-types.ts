/**
 * The legal glossary as the API shows it: a glossary name found in a search query (the direct-hit
 * card above the results), and the glossary's contents and firm imports (the models page).
 */
import type { Segment } from './types';

export type GlossaryKindName = 'crime' | 'doctrine' | 'defined-term' | 'term';

/** Where an entry came from: mined from the library (with a provision it was mined from), written by hand, or a firm's CSV. */
export interface GlossarySource {
  source: 'mined' | 'hand-written' | 'firm';
  /** mined: the pattern and a provision it was read from; hand-written: the note; firm: file and line. */
  detail: string;
}

/** A glossary name in the query and the articles it names (in force). */
export interface GlossaryCard {
  /** The entry's term (侵占罪), and what in the query matched it (an alias such as 帮信罪, or the term). */
  term: string;
  matched: string;
  kind: GlossaryKindName;
  sources: GlossarySource[];
  /** True when the query is the name itself (a direct hit), false when the name is inside a longer query. */
  whole: boolean;
  articles: { articleId: number; citation: string; label: string; lawTitle: string; snippet: Segment[] }[];
}

/** What the glossary holds: the shipped file's version and counts, and the firm's imported files. */
export interface GlossaryStatus {
  version: number;
  /** Shipped entries by kind and by provenance (an entry both mined and hand-written counts in both). */
  builtin: { entries: number; byKind: Record<GlossaryKindName, number>; mined: number; handWritten: number };
  /** Shipped entries whose articles are in force in this library (a firm's own library may lack some laws). */
  usable: number;
  firm: { file: string; rows: number; terms: number; importedAt: string }[];
}

/** The outcome of importing a firm's glossary CSV: all rows, or none with an error per bad line. */
export interface GlossaryImportReport {
  file: string;
  rows: number;
  terms: number;
  /** Rows an earlier import of a file with the same name had, now replaced. */
  replaced: number;
  errors: GlossaryRowError[];
}

/** Why a row of a firm's glossary CSV was refused; `detail` is the part that varies (a term, a citation, a count). */
export type GlossaryRowErrorCode =
  | 'CSV' | 'COLUMNS' | 'EMPTY_TERM' | 'STRAY_QUOTE' | 'TERM_TOO_LONG' | 'NO_CITATION' | 'NOT_A_CITATION'
  | 'NOT_IN_LIBRARY' | 'NOT_IN_FORCE' | 'CONTRADICTION' | 'TOO_MANY_ROWS';

/** One bad line: its code and detail (for the UI, in the user's language) and an English sentence (CLI, API). */
export interface GlossaryRowError {
  line: number;
  code: GlossaryRowErrorCode;
  detail: string;
  message: string;
}

/** The most text one importGlossary request may carry (2 MB); a larger firm glossary is split into files. */
export const GLOSSARY_CSV_MAX_CHARS = 2 * 1024 * 1024;

/** What every importer produces and the store writes: laws with their articles, before they touch the store. */

export interface ParsedArticle {
  label: string;
  number: number;
  sub: number;
  /** Book / part / chapter / section headings above the article. */
  path: string[];
  text: string;
  /** 1-based line in the source file, for error messages. */
  line: number;
}

export interface ParsedLaw {
  title: string;
  /**
   * For laws split across files (the Civil Code's books): the part this file holds. Re-importing
   * a part replaces that part's articles only.
   */
  part: string | null;
  category: string;
  versionDate: string | null;
  history: string[];
  articles: ParsedArticle[];
  /** File the law came from (for messages). */
  source: string;
  /** The file being imported, when not `source` (a corpus bundle records the original markdown file). */
  readFrom?: string;
}

import type { Database } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import type { SearchRequestParsed } from '../../contract/schemas';
import type { ArticleView, SearchHit, SearchResponse } from '../../contract/types';
import { LawReader, toLawSummary } from '../store/law-reader';
import { formatCitation, parseCitation } from '../text/citation';
import { lawKey } from '../text/normalize';
import { LexicalSearch } from './lexical-search';
import { makeSnippet } from './snippet';

/**
 * Answers the search box: a citation goes straight to its article; anything else is a BM25 search.
 */
export class SearchService {
  readonly reader: LawReader;
  private readonly lexical: LexicalSearch;

  constructor(db: Database) {
    this.reader = new LawReader(db);
    this.lexical = new LexicalSearch(db);
  }

  /** Drops cached law rows and collection statistics after the store changed. */
  invalidate(): void {
    this.reader.invalidate();
    this.lexical.invalidate();
  }

  search(req: SearchRequestParsed): SearchResponse {
    const started = performance.now();
    const done = (mode: SearchResponse['mode'], hits: SearchHit[]): SearchResponse => ({
      query: req.query, mode, hits, tookMs: Math.round((performance.now() - started) * 10) / 10,
    });
    const cited = this.tryCitation(req.query);
    if (cited && req.offset === 0) return done('citation', [this.citationHit(cited)]);

    const lawId = this.resolveLawFilter(req.law);
    const { hits, terms } = this.lexical.search(
      req.query,
      { category: req.category, lawId, includeSuperseded: req.includeSuperseded },
      req.limit,
      req.offset,
    );
    return done(
      'lexical',
      hits.map((h, i) => {
        const a = this.reader.articleRow(h.articleId)!;
        const law = this.reader.lawRow(a.law_id)!;
        return {
          rank: req.offset + i + 1,
          articleId: a.id,
          citation: formatCitation(law.title, a.label),
          label: a.label,
          law: toLawSummary(law),
          path: JSON.parse(a.path) as string[],
          snippet: makeSnippet(a.text, terms),
          score: Math.round(h.score * 1000) / 1000,
        };
      }),
    );
  }

  /** The article a citation names, or undefined when the text is not a citation of a known law. */
  tryCitation(text: string): ArticleView | undefined {
    const c = parseCitation(text);
    if (!c) return undefined;
    const law = this.reader.findLaw(lawKey(c.law));
    if (!law) return undefined;
    const a = this.reader.articleByNumber(law.id, c.number, c.sub);
    return a ? this.reader.articleView(a.id) : undefined;
  }

  /** Resolves a citation or throws a message saying which part was not found. */
  article(citation: string): ArticleView {
    const c = parseCitation(citation);
    if (!c) throw createError('CITATION_NOT_UNDERSTOOD', citation);
    const law = this.reader.findLaw(lawKey(c.law));
    if (!law) throw createError('LAW_NOT_FOUND', c.law);
    const a = this.reader.articleByNumber(law.id, c.number, c.sub);
    if (!a) throw createError('ARTICLE_NOT_FOUND', `《${law.title}》`, c.label);
    return this.reader.articleView(a.id)!;
  }

  private citationHit(v: ArticleView): SearchHit {
    const { history: _history, ...law } = v.law;
    return {
      rank: 1, articleId: v.articleId, citation: v.citation, label: v.label, law, path: v.path,
      snippet: makeSnippet(v.text, [], 160), score: 0,
    };
  }

  private resolveLawFilter(law: number | string | undefined): number | undefined {
    if (law === undefined) return undefined;
    if (typeof law === 'number') return law;
    const found = this.reader.findLaw(lawKey(law));
    if (!found) throw createError('LAW_NOT_FOUND', law);
    return found.id;
  }
}

import type { Database, Statement } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import type { SearchRequestParsed } from '../../contract/schemas';
import type { SearchHit, SearchResponse } from '../../contract/types';
import { runPipeline, type PipelineHit, type PipelineRequest } from './pipeline';
import { DEFAULT_PRESET, PRESETS, resolveBudget } from './presets';
import type { Budget, PresetName } from '../../contract/types';
import type { CandidateArticle, CandidateReranker, DenseRetriever } from './stages';
import { LibraryGlossary, type GlossaryFinding } from '../glossary/library-glossary';
import type { GlossaryCard, GlossarySource } from '../../contract/glossary-types';
import type { GlossaryProvenance } from '../glossary/glossary-types';
import { LawReader, toLawSummary, type ArticleCore } from '../store/law-reader';
import { formatCitation, parseCitation } from '../text/citation';
import { LawsInForce } from '../search/as-of';
import { LexicalSearch, type LexicalFilters } from '../search/lexical-search';
import { makeSnippet } from '../text/snippet';
import { hasTable } from '../store/has-table';

/** How a caller follows the reranker: progress, the streamed partial result (research runs), cancellation. */
export type SearchOptions = Pick<PipelineRequest, 'onRerankProgress' | 'onRerankBatch' | 'rerankBatchSize' | 'signal'> & {
  /** Models for this search only, instead of the installed ones (an A/B preparation's own set). */
  models?: SearchModels;
};

export interface SearchModels {
  dense: DenseRetriever | null;
  reranker: CandidateReranker | null;
}

/**
 * Answers the search box: a citation goes straight to its article; anything else runs the
 * retrieval pipeline (lexical and/or dense → fusion → rerank) within the request's budget.
 */
export class SearchService {
  readonly reader: LawReader;
  readonly lexical: LexicalSearch;
  readonly glossary: LibraryGlossary;
  private readonly inForce: LawsInForce;
  private readonly anchorOf: Statement;
  private models: SearchModels = { dense: null, reranker: null };
  private presets: Record<PresetName, { k: number; n: number }> = PRESETS;

  constructor(db: Database) {
    this.reader = new LawReader(db);
    this.lexical = new LexicalSearch(db);
    this.inForce = new LawsInForce(db);
    this.glossary = new LibraryGlossary(db, this.reader);
    // An older schema opened read-only has no anchors: every article reads as uncited.
    this.anchorOf = db.prepare(hasTable(db, 'article_anchors') ? 'SELECT text FROM article_anchors WHERE article_id = ?' : 'SELECT NULL AS text WHERE ? IS NULL').pluck();
  }

  setModels(models: SearchModels): void {
    this.models = models;
  }

  /** The budgets named presets resolve to (the active backbone version's). */
  setPresets(presets: Record<PresetName, { k: number; n: number }>): void {
    this.presets = presets;
  }

  /** Drops cached law rows and collection statistics after the store changed. */
  invalidate(): void {
    this.reader.invalidate();
    this.lexical.invalidate();
    this.inForce.invalidate();
    this.glossary.invalidate();
  }

  /** A request's budget under the active version's presets; `fallback` when it names neither a preset nor k/n. */
  budget(req: { preset?: PresetName; k?: number; n?: number }, fallback: PresetName = DEFAULT_PRESET): Budget {
    return resolveBudget(req, fallback, this.presets);
  }

  async search(req: SearchRequestParsed, opts: SearchOptions = {}): Promise<SearchResponse> {
    const started = performance.now();
    const budget = resolveBudget(req, DEFAULT_PRESET, this.presets);
    const { models, ...pipelineOpts } = opts;
    const { dense, reranker } = models ?? this.models;
    const base = {
      query: req.query,
      budget,
      models: { embedder: dense?.modelId ?? null, reranker: reranker?.modelId ?? null },
    };
    const cited = req.offset === 0 ? this.tryCitation(req.query, req.asOf) : undefined;
    if (cited) {
      return {
        ...base, mode: 'citation', hits: [this.citationHit(cited)], degraded: null, degradedZh: null,
        timings: { lexicalMs: 0, denseMs: 0, rerankMs: 0 }, tookMs: elapsed(started),
      };
    }
    const filters = this.filters(req);
    const found = this.glossary.find(req.query);
    // A page past the budget widens it: N grows to cover the page, and K to cover N.
    const wanted = req.offset + req.limit;
    const n = budget.n === 0 ? 0 : Math.max(budget.n, wanted);
    const k = Math.max(budget.k, n, wanted);
    const result = await runPipeline(
      {
        lexical: this.lexical, dense, reranker,
        describe: (ids) => this.describeArticles(ids),
        passes: (id, f) => this.passes(id, f),
        glossary: () => found.flatMap((g) => g.articleIds.map((articleId) => ({ articleId, coverage: g.coverage }))),
      },
      { query: req.query, budget: { ...budget, k, n }, retriever: req.retriever, filters, ...pipelineOpts },
    );
    const page = result.hits.slice(req.offset, req.offset + req.limit);
    const termOf = new Map(found.flatMap((g) => g.articleIds.map((id) => [id, g.entry.term] as const)).reverse());
    return {
      ...base,
      mode: result.mode,
      hits: page.map((h, i) => ({ ...this.toHit(h, req.offset + i + 1, result.terms), glossaryTerm: termOf.get(h.articleId) ?? null })),
      glossary: req.offset === 0 ? this.glossaryCards(found, filters) : [],
      degraded: result.degraded,
      degradedZh: result.degradedZh,
      timings: roundTimings(result.timings),
      tookMs: elapsed(started),
    };
  }

  /**
   * The request's law filters. As of a date, the versions in force then (one per law) replace the
   * current/superseded choice, and a law filter means that law's version in force on the date.
   * A law filter with superseded versions means every version of that law.
   */
  private filters(req: SearchRequestParsed): LexicalFilters {
    const category = req.category;
    const lawId = this.resolveLawFilter(req.law);
    if (!req.asOf && lawId !== undefined && req.includeSuperseded) {
      return { category, lawIds: this.inForce.allVersionsOf(lawId), includeSuperseded: true };
    }
    if (!req.asOf) return { category, lawId, includeSuperseded: req.includeSuperseded };
    if (lawId === undefined) return { category, lawIds: this.inForce.on(req.asOf), includeSuperseded: true };
    const version = this.inForce.versionOf(lawId, req.asOf);
    return { category, lawIds: new Set(version === undefined ? [] : [version]), includeSuperseded: true };
  }

  /** A pipeline hit as the API shows it, with its snippet highlighting `terms`. */
  toHit(h: PipelineHit, rank: number, terms: string[]): SearchHit {
    const a = this.reader.articleRow(h.articleId)!;
    const law = this.reader.lawRow(a.law_id)!;
    return {
      rank,
      articleId: a.id,
      citation: formatCitation(law.title, a.label),
      label: a.label,
      law: toLawSummary(law),
      path: JSON.parse(a.path) as string[],
      snippet: makeSnippet(a.text, terms),
      score: round(h.score),
      scores: {
        lexical: nullableRound(h.scores.lexical), dense: nullableRound(h.scores.dense),
        fused: nullableRound(h.scores.fused), rerank: nullableRound(h.scores.rerank),
      },
      ranks: h.ranks,
      reranked: h.reranked,
    };
  }

  /** What a reranker reads of each article (headings, text, anchor text). */
  describeArticles(ids: number[]): Map<number, CandidateArticle> {
    const out = new Map<number, CandidateArticle>();
    for (const id of ids) {
      const a = this.reader.articleRow(id);
      if (!a) continue;
      const law = this.reader.lawRow(a.law_id)!;
      const anchor = (this.anchorOf.get(id) as string | null | undefined) ?? '';
      out.set(id, { articleId: id, lawTitle: law.title, label: a.label, path: JSON.parse(a.path) as string[], text: a.text, anchor });
    }
    return out;
  }

  /** The direct-hit cards: each glossary name in the query with the articles it names that pass the filters. */
  private glossaryCards(found: GlossaryFinding[], filters: LexicalFilters): GlossaryCard[] {
    return found.slice(0, 5).flatMap((g): GlossaryCard[] => {
      const articles = g.articleIds.filter((id) => this.passes(id, filters)).map((id) => {
        const a = this.reader.articleRow(id)!;
        const law = this.reader.lawRow(a.law_id)!;
        return { articleId: id, citation: formatCitation(law.title, a.label), label: a.label, lawTitle: law.title, snippet: makeSnippet(a.text, [], 120) };
      });
      if (articles.length === 0) return [];
      return [{
        term: g.entry.term, matched: g.matched, kind: g.entry.kind, whole: g.coverage >= 0.999,
        sources: g.entry.provenance.slice(0, 3).map(sourceOf), articles,
      }];
    });
  }

  private passes(articleId: number, f: LexicalFilters): boolean {
    const a = this.reader.articleRow(articleId);
    if (!a) return false;
    const law = this.reader.lawRow(a.law_id)!;
    return (
      (f.category === undefined || law.category === f.category) &&
      (f.lawId === undefined || law.id === f.lawId) &&
      (f.lawIds === undefined || f.lawIds.has(law.id))
    );
  }

  /**
   * The article a citation names, or undefined when the text is not a citation of a known law. As
   * of a date, the article of the law's version in force on that date (none before the law existed).
   */
  tryCitation(text: string, asOf?: string): ArticleCore | undefined {
    const c = parseCitation(text);
    if (!c) return undefined;
    const law = this.reader.findLawByName(c.law);
    if (!law) return undefined;
    const lawId = asOf ? this.inForce.versionOf(law.id, asOf) : law.id;
    if (lawId === undefined) return undefined;
    const a = this.reader.articleByNumber(lawId, c.number, c.sub);
    return a ? this.reader.articleView(a.id) : undefined;
  }

  /** Resolves a citation or throws a message saying which part was not found. */
  article(citation: string): ArticleCore {
    const c = parseCitation(citation);
    if (!c) throw createError('CITATION_NOT_UNDERSTOOD', citation);
    const law = this.reader.findLawByName(c.law);
    if (!law) throw createError('LAW_NOT_FOUND', c.law);
    const a = this.reader.articleByNumber(law.id, c.number, c.sub);
    if (!a) throw createError('ARTICLE_NOT_FOUND', `《${law.title}》`, c.label);
    return this.reader.articleView(a.id)!;
  }

  private citationHit(v: ArticleCore): SearchHit {
    const { history: _history, ...law } = v.law;
    return {
      rank: 1, articleId: v.articleId, citation: v.citation, label: v.label, law, path: v.path,
      snippet: makeSnippet(v.text, [], 160), score: 0,
      scores: { lexical: null, dense: null, fused: null, rerank: null },
      ranks: { lexical: null, dense: null, beforeRerank: null },
      reranked: false,
    };
  }

  /** A law filter (id, or title / short title) as a law id; throws LAW_NOT_FOUND for an unknown law. */
  resolveLawFilter(law: number | string | undefined): number | undefined {
    if (law === undefined) return undefined;
    if (typeof law === 'number') return law;
    const found = this.reader.findLawByName(law);
    if (!found) throw createError('LAW_NOT_FOUND', law);
    return found.id;
  }
}

function sourceOf(p: GlossaryProvenance): GlossarySource {
  if (p.source === 'mined') return { source: 'mined', detail: p.evidence[0] ? `${p.pattern}: ${p.evidence[0]}` : p.pattern };
  if (p.source === 'firm') return { source: 'firm', detail: `${p.file}:${p.line}` };
  return { source: 'hand-written', detail: p.note ?? '' };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
const nullableRound = (x: number | null): number | null => (x === null ? null : round(x));
const elapsed = (t: number): number => Math.round((performance.now() - t) * 10) / 10;
const ms = (x: number): number => Math.round(x * 10) / 10;
const roundTimings = (t: { lexicalMs: number; denseMs: number; rerankMs: number }) => ({
  lexicalMs: ms(t.lexicalMs), denseMs: ms(t.denseMs), rerankMs: ms(t.rerankMs),
});

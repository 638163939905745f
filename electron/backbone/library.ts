import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { createError } from '../contract/errors';
import type { ApiParsedRequest } from '../contract/api';
import type { ArticleView, SurroundingProvision, ImportReport, LawSummary, SearchResponse, Stats } from '../contract/types';
import { importSource, type ImportOptions } from './ingest/importer';
import { SearchService, type SearchModels } from './pipeline/search-service';
import { asStoreError, openDatabase, schemaVersion, type OpenOptions } from './store/open-database';
import { CitingProvisions } from './store/citing-provisions';
import { toLawSummary, type ArticleCore } from './store/law-reader';
import { lawKey } from './text/normalize';
import { BackboneVersions, defaultPresets } from './versions/backbone-versions';
import type { BackboneVersion } from '../contract/types';
import type { FeedbackArticle } from '../contract/feedback-types';
import type { GlossaryImportReport, GlossaryStatus } from '../contract/glossary-types';
import { importFirmGlossary, removeFirmGlossary } from './glossary/firm-glossary-import';
import { limitHeapGrowth } from './heap';
import { said } from '../contract/said';

/**
 * The statute library: one database, its importers and its lexical search. Plain Node; the CLI,
 * the HTTP server and Electron's main process all drive this same object.
 */
export class Library {
  readonly db: Database;
  private readonly searcher: SearchService;
  private readonly versionStore: BackboneVersions;
  /** Who cites an article (the reverse reference index). */
  readonly citing: CitingProvisions;

  constructor(readonly dbPath: string, opts: OpenOptions = {}) {
    // A process that opens a library serves searches from in-memory copies: it keeps its heap small.
    limitHeapGrowth();
    this.db = openDatabase(dbPath, opts);
    try {
      this.searcher = new SearchService(this.db);
      this.versionStore = new BackboneVersions(this.db);
      this.citing = new CitingProvisions(this.db, this.searcher.reader);
      this.searcher.setPresets(this.versionStore.active()?.presets ?? defaultPresets());
    } catch (e) {
      this.db.close();
      throw asStoreError(e, dbPath);
    }
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw asStoreError(e, this.dbPath);
    }
  }

  isEmpty(): boolean {
    return this.guard(() => (this.db.prepare('SELECT count(*) AS n FROM laws').get() as { n: number }).n === 0);
  }

  private counted: { n: number; at: number } | null = null;

  /** Stored articles, all versions (health probes): counted again at most every 2 s, a scan of 64k rows not being free. */
  articleCount(): number {
    if (!this.counted || Date.now() - this.counted.at > 2000) {
      this.counted = { n: this.guard(() => (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n), at: Date.now() };
    }
    return this.counted.n;
  }

  import(path: string, opts: ImportOptions = {}): ImportReport {
    const report = this.guard(() => importSource(this.db, path, opts));
    this.searcher.invalidate();
    return report;
  }

  /**
   * Builds the in-memory copy of the lexical index in the background (search/memory-bm25.ts) and
   * keeps it current; searches use FTS5 until it is ready. For long-running shells (the app, the
   * service) and measurements; resolves when built.
   */
  warmLexical(): Promise<void> {
    this.prepareGlossarySoon();
    return this.searcher.lexical.warm();
  }

  /**
   * Builds the glossary's matcher on the next turn of the event loop, so no search waits for it; a
   * library closed meanwhile is left alone, and a failure only means the first search builds it.
   */
  private prepareGlossarySoon(): void {
    setImmediate(() => {
      if (!this.db.open) return;
      try {
        this.searcher.glossary.prepare();
      } catch {
        /* the first search that needs it tries again, and reports what is wrong */
      }
    });
  }

  /** Drops cached law rows after another connection (an import worker) changed the store. */
  refresh(): void {
    this.searcher.invalidate();
    this.prepareGlossarySoon();
  }

  /** Backbone versions, newest first. */
  versions(): BackboneVersion[] {
    return this.guard(() => this.versionStore.list());
  }

  activeVersion(): BackboneVersion | null {
    return this.guard(() => this.versionStore.active());
  }

  createVersion(v: Parameters<BackboneVersions['create']>[0]): BackboneVersion {
    return this.guard(() => this.versionStore.create(v));
  }

  /** Activates a version (atomically) and serves its presets; the caller switches the models. */
  activateVersion(id: number): BackboneVersion {
    return this.serve(this.guard(() => this.versionStore.activate(id)));
  }

  /** Activates the version active before the current one. */
  rollbackVersion(): BackboneVersion {
    return this.serve(this.guard(() => this.versionStore.rollback()));
  }

  /**
   * Re-reads the active version (another process — the CLI, a second app — may have activated
   * one) and serves its presets; returns it.
   */
  syncActiveVersion(): BackboneVersion | null {
    const v = this.activeVersion();
    this.searcher.setPresets(v?.presets ?? defaultPresets());
    return v;
  }

  private serve(v: BackboneVersion): BackboneVersion {
    this.searcher.setPresets(v.presets);
    return v;
  }

  /** Installs the dense retriever and reranker the pipeline uses (null: not available). */
  setModels(models: SearchModels): void {
    this.searcher.setModels(models);
  }

  async search(req: ApiParsedRequest<'search'>, opts?: Parameters<SearchService['search']>[1]): Promise<SearchResponse> {
    try {
      return await this.searcher.search(req, opts);
    } catch (e) {
      throw asStoreError(e, this.dbPath);
    }
  }

  /** The lexical retriever alone (evaluation baselines). */
  get lexical(): SearchService['lexical'] {
    return this.searcher.lexical;
  }

  /** The search service (citation resolution for evaluation). */
  get searchService(): SearchService {
    return this.searcher;
  }

  /** One article by id or citation, with the provisions that cite it (and, asked, those around it). */
  article(req: ApiParsedRequest<'article'>): ArticleView {
    return this.guard(() => {
      const v = this.articleCore(req);
      const view: ArticleView = { ...v, citedBy: this.citing.citedBy(v.articleId) };
      if (req.surrounding) view.surrounding = this.surrounding(v, req.surrounding);
      return view;
    });
  }

  /** Up to `n` provisions before and after an article in its law version, in the law's order. */
  private surrounding(v: ArticleCore, n: number): NonNullable<ArticleView['surrounding']> {
    const walk = (from: number | null, step: (a: ArticleCore) => number | null): SurroundingProvision[] => {
      const out: SurroundingProvision[] = [];
      for (let id = from; id !== null && out.length < n; ) {
        const a = this.searcher.reader.articleView(id);
        if (!a) break;
        out.push({ articleId: a.articleId, citation: a.citation, label: a.label, text: a.text });
        id = step(a);
      }
      return out;
    };
    return { before: walk(v.prevId, (a) => a.prevId).reverse(), after: walk(v.nextId, (a) => a.nextId) };
  }

  /**
   * How an article is named across re-imports (pins, feedback): law title, version date or '',
   * label and citation, by id or citation; without the citing provisions an article view reads.
   */
  articleRef(req: ApiParsedRequest<'article'>): FeedbackArticle {
    return this.guard(() => {
      const v = this.articleCore(req);
      return { lawTitle: v.law.title, lawVersion: v.law.versionDate ?? '', label: v.label, citation: v.citation };
    });
  }

  private articleCore(req: ApiParsedRequest<'article'>): ArticleCore {
    if (!('id' in req)) return this.searcher.article(req.citation);
    const v = this.searcher.reader.articleView(req.id);
    if (!v) throw createError('NOT_FOUND', said(`Article ${req.id}`, `条文 ${req.id}`));
    return v;
  }

  laws(req: ApiParsedRequest<'laws'>): LawSummary[] {
    return this.guard(() => {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: req.limit };
      if (!req.includeSuperseded) where.push("l.status = 'current'");
      if (req.category) {
        where.push('l.category = @category');
        params.category = req.category;
      }
      if (req.prefix) {
        where.push('instr(l.law_key, @prefix) > 0');
        params.prefix = lawKey(req.prefix);
      }
      const rows = this.db
        .prepare(
          `SELECT l.*, (SELECT count(*) FROM articles x WHERE x.law_id = l.id) AS article_count FROM laws l
           ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY ${req.prefix ? 'instr(l.law_key, @prefix), length(l.short_title),' : ''} l.short_title, l.version_key DESC
           LIMIT @limit`,
        )
        .all(params);
      const laws = rows.map((r) => toLawSummary(r as Parameters<typeof toLawSummary>[0]));
      // A short name (民诉法, 公司法解释三) names a law its letters are not in: that law first.
      const named = req.prefix ? this.searcher.reader.findLawByName(req.prefix) : undefined;
      if (!named || laws.some((l) => l.id === named.id) || (req.category && named.category !== req.category)) return laws;
      return [named, ...laws].slice(0, req.limit);
    });
  }

  stats(): Stats {
    return this.guard(() => {
      const one = <T>(sql: string): T => this.db.prepare(sql).get() as T;
      const laws = one<{ current: number; superseded: number }>(
        "SELECT coalesce(sum(status = 'current'), 0) AS current, coalesce(sum(status = 'superseded'), 0) AS superseded FROM laws",
      );
      const articles = one<{ total: number; current: number }>(
        "SELECT count(*) AS total, coalesce(sum(l.status = 'current'), 0) AS current FROM articles a JOIN laws l ON l.id = a.law_id",
      );
      const categories = this.db
        .prepare(
          `SELECT l.category AS name, count(DISTINCT l.id) AS laws, count(a.id) AS articles
           FROM laws l LEFT JOIN articles a ON a.law_id = l.id WHERE l.status = 'current'
           GROUP BY l.category ORDER BY articles DESC`,
        )
        .all() as Stats['categories'];
      let dbBytes = 0;
      for (const suffix of ['', '-wal']) {
        try {
          dbBytes += statSync(this.dbPath + suffix).size;
        } catch {
          /* no WAL file */
        }
      }
      return { laws, articles, categories, dbPath: this.dbPath, dbBytes, schemaVersion: schemaVersion(this.db) };
    });
  }

  /** The glossary's contents: shipped version and counts, the firm's imported files. */
  glossaryStatus(): GlossaryStatus {
    return this.guard(() => this.searcher.glossary.status());
  }

  /** Imports a firm's glossary CSV (all rows or none; an error per bad line). */
  importGlossary(text: string, file: string): GlossaryImportReport {
    return this.guard(() => importFirmGlossary(this.db, this.searcher.glossary, text, file));
  }

  /** Removes the rows imported from a firm glossary file; how many. */
  removeGlossaryFile(file: string): number {
    return this.guard(() => removeFirmGlossary(this.db, this.searcher.glossary, file));
  }

  /** Stops background work on the way to close(): the in-memory lexical index build ends at its next chunk (FTS5 answers meanwhile). */
  stopBackground(): void {
    this.searcher.lexical.stop();
  }

  close(): void {
    this.stopBackground();
    this.db.close();
  }
}

/** Plain data types that cross every boundary (IPC, HTTP, renderer). No runtime code here. */
import type { ApiErrorShape } from './errors';
import type { GlossaryCard } from './glossary-types';
import type { IndexingProgress, MissingModel } from './models-types';
import type { InferenceHostStatus } from './inference-types';

export type LawStatus = 'current' | 'superseded';

export interface LawSummary {
  id: number;
  title: string;
  /** Title without the 中华人民共和国 prefix, e.g. 民法典. */
  shortTitle: string;
  category: string;
  /** ISO date (YYYY-MM-DD) of this version, or null when the source gives none. */
  versionDate: string | null;
  status: LawStatus;
  /** Id of the later version that replaces this one. */
  supersededBy: number | null;
  articleCount: number;
}

/** A run of snippet text; `hit` runs matched the query and are shown highlighted. */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  rank: number;
  articleId: number;
  /** Stable citation, e.g. 《中华人民共和国民法典》第五十四条. */
  citation: string;
  label: string;
  law: LawSummary;
  /** Book / chapter / section headings above the article. */
  path: string[];
  snippet: Segment[];
  /** The score the list is ordered by (rerank score when reranked, else fused/BM25); 0 for a citation hit. */
  score: number;
  /** Each stage's score; null where the stage did not see this article. */
  scores: { lexical: number | null; dense: number | null; fused: number | null; rerank: number | null };
  /** Rank in each first-stage list and in the candidate list before reranking (1-based). */
  ranks: { lexical: number | null; dense: number | null; beforeRerank: number | null };
  /** True when the reranker scored this article (the top N of K). */
  reranked: boolean;
  /** The glossary name in the query that points at this article (it was a candidate for that reason too), or null. */
  glossaryTerm?: string | null;
}

export type SearchMode = 'citation' | 'lexical' | 'dense' | 'hybrid';

export type PresetName = 'quick' | 'standard' | 'research';

/** A retrieval budget: K first-stage candidates, the top N of them reranked. */
export interface Budget {
  preset: PresetName | null;
  k: number;
  n: number;
}

export interface SearchResponse {
  query: string;
  mode: SearchMode;
  hits: SearchHit[];
  tookMs: number;
  budget: Budget;
  models: { embedder: string | null; reranker: string | null };
  /** Why a stage was skipped (no model installed, inference unavailable…), or null; in English, and in Chinese. */
  degraded: string | null;
  degradedZh: string | null;
  timings: { lexicalMs: number; denseMs: number; rerankMs: number };
  /** Glossary names found in the query, with the articles they name (first page only; [] for a citation). */
  glossary?: GlossaryCard[];
}

export interface ArticleView {
  articleId: number;
  citation: string;
  label: string;
  law: LawSummary & { history: string[] };
  path: string[];
  text: string;
  prevId: number | null;
  nextId: number | null;
  /** The provisions whose text cites this article (pkulaw's 被引用). */
  citedBy: CitedBy;
  /** With `surrounding`: the provisions just before and after it in its law version, in order. */
  surrounding?: { before: SurroundingProvision[]; after: SurroundingProvision[] };
}

/** A neighbouring provision of the same law version. */
export interface SurroundingProvision {
  articleId: number;
  citation: string;
  label: string;
  text: string;
}

/** A stored article whose text cites another one (`本法第四十七条`, `《…》第X条`). */
export interface CitingProvision {
  articleId: number;
  citation: string;
  label: string;
  law: LawSummary;
  /** The reference as written in the citing text, e.g. 第四十七条 or 《中华人民共和国劳动合同法》第三十九条. */
  reference: string;
  /** The citing text around the reference; the `hit` run is the reference. */
  snippet: Segment[];
}

/** Who cites an article: the first `provisions` (current versions first, then the same law, then by title), of `total`. */
export interface CitedBy {
  total: number;
  provisions: CitingProvision[];
}

export interface CategoryStats {
  name: string;
  laws: number;
  articles: number;
}

export interface Stats {
  laws: { current: number; superseded: number };
  articles: { total: number; current: number };
  categories: CategoryStats[];
  dbPath: string;
  dbBytes: number;
  schemaVersion: number;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
  /** Milliseconds left, estimated from the rate so far; null until it can be estimated. */
  etaMs: number | null;
  message?: string;
}

export interface ImportReport {
  source: string;
  lawsAdded: number;
  lawsUpdated: number;
  lawsUnchanged: number;
  articlesAdded: number;
  articlesUpdated: number;
  articlesRemoved: number;
  /** Files that were skipped, each with the reason (e.g. no articles found). */
  skipped: { file: string; reason: string }[];
  tookMs: number;
}

export type AppState = 'ready' | 'importing' | 'error';

export interface AppStatus {
  state: AppState;
  progress: Progress | null;
  error: ApiErrorShape | null;
  lastImport: ImportReport | null;
}

export interface ModelSummary {
  id: string;
  role: 'embedder' | 'reranker';
  stage: string;
  family: string;
  dir: string;
  dimension: number | null;
}

export interface ActiveModel extends ModelSummary {
  /** Execution provider in use ('cpu', 'cuda', 'dml', 'coreml'), what was tried, and why not the GPU. */
  provider: { active: string; tried: string[]; fallbackReason: string | null };
}

export interface ModelsStatus {
  installed: ModelSummary[];
  /** Model folders that could not be used, with the reason. */
  problems: ({ dir: string } & ApiErrorShape)[];
  embedder: ActiveModel | null;
  reranker: ActiveModel | null;
  /** The vector index serving dense search. */
  index: { key: string; modelId: string; state: 'building' | 'ready'; articles: number; quantization: string } | null;
  /** A running or paused indexing pass (new model, or new/changed articles). */
  indexing: IndexingProgress | null;
  /** Models the active backbone version names that are not installed (or whose folder is broken). */
  missingModels: MissingModel[];
  error: ApiErrorShape | null;
  /** The supervised inference host (absent: no host, lexical search only). */
  inference?: InferenceHostStatus;
}

/** A backbone version: the models and budgets every application of this library uses. */
export interface BackboneVersion {
  id: number;
  label: string;
  embedderId: string | null;
  rerankerId: string | null;
  presets: Record<PresetName, { k: number; n: number }>;
  /** How it was chosen (selection metrics, query set). */
  evidence: Record<string, unknown>;
  createdAt: string;
  active: boolean;
}

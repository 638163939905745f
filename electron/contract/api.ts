import type { z } from 'zod';
import type { Result } from './errors';
import type { ApiMethod } from './methods';
import type { AssistantConnection, ContextPack } from './assistant-types';
import type { AbItemView, AbSessionSummary, AbSessionView, AbTally } from './ab-types';
import type { EvaluationView } from './evaluation-types';
import type { GlossaryImportReport, GlossaryStatus } from './glossary-types';
import type { ArticleComparison, LawDocument, LawVersion } from './law-types';
import type { ResearchRunView, ResearchStarted } from './research-types';
import type { DataLocations } from './shell-types';
import type { ImportJobView, IndexingControl, StagedUploadView } from './models-types';
import type { EmbedResponse, RerankResponse } from './model-api-types';
import type { REQUEST_SCHEMAS } from './schemas';
import type { AppStatus, ArticleView, BackboneVersion, LawSummary, ModelsStatus, SearchResponse, Stats } from './types';
import type { FailureCase, FeedbackImportReport, FeedbackItem, FeedbackPage, FeedbackTrainingView } from './feedback-types';
import type { FolderDocument, FolderExport, FolderQuery, HistoryEntry, Pin, ResearchFolder } from './folder-types';

export interface ApiResponses {
  search: SearchResponse;
  article: ArticleView;
  laws: LawSummary[];
  stats: Stats;
  status: AppStatus;
  models: ModelsStatus;
  /** Backbone versions, newest first (the active one has active: true). */
  versions: BackboneVersion[];
  /** Activates a version: its presets at once, its models as soon as they are loaded (and indexed). */
  activateVersion: BackboneVersion;
  /** Activates the version that was active before the current one. */
  rollbackVersion: BackboneVersion;
  /** Research folders, most recently changed first. */
  folders: ResearchFolder[];
  /** One folder with its pins (in order) and the queries that led there. */
  folder: FolderDocument;
  createFolder: ResearchFolder;
  renameFolder: ResearchFolder;
  deleteFolder: { deleted: number };
  /** Pinning an article already in the folder updates its note. */
  pinArticle: Pin;
  setPinNote: Pin;
  unpin: { unpinned: number };
  recordFolderQuery: FolderQuery;
  exportFolder: FolderExport;
  /** Search history, newest first. */
  history: HistoryEntry[];
  addHistory: HistoryEntry;
  clearHistory: { cleared: true };
  /** The evaluation report the app ships (tables and recall–budget curves from `npm run eval`). */
  evaluation: EvaluationView;
  /** Blind A/B sessions in the user's data folder, newest first (one being prepared shows its progress). */
  abSessions: AbSessionSummary[];
  /** Starts preparing a session (both versions run in the background); poll abSessions for progress. */
  prepareAb: AbSessionSummary;
  /** Stops a preparation between two searches: nothing is saved, the session shows as cancelled (a finished one is answered as it is). */
  cancelAbPreparation: AbSessionSummary;
  /** A session's blinded items: the two lists per query, no version names. */
  abSession: AbSessionView;
  /** Records a verdict (saved at once) and answers the item as it now stands. */
  judgeAb: AbItemView;
  /** The verdicts so far, unblinded: A, B, ties, preference with a Wilson interval, sign test. */
  tallyAb: AbTally;
  /** One law version whole: header with history lines, table of contents, every article with its cross-references. */
  law: LawDocument;
  /** Every dated version of the same law, newest first. */
  lawVersions: LawVersion[];
  /** The same article in every version of its law, oldest to newest, with a character diff per pair. */
  compareArticle: ArticleComparison;
  /** Starts a deep-research run (the research budget, streamed as the reranker works); poll it with researchRun. */
  startResearch: ResearchStarted;
  /** A run as it stands: progress, the current top N, what was ranked low, related provisions. */
  researchRun: ResearchRunView;
  /** Stops a run; what it had found so far is kept. */
  cancelResearch: ResearchRunView;
  /** Where the library's files are on this machine (answered even when the library cannot be opened). */
  locations: DataLocations;
  /** Pauses the running indexing pass between batches (search keeps the index it has, or keywords). */
  pauseIndexing: IndexingControl;
  /** Resumes a paused pass where it stopped. */
  resumeIndexing: IndexingControl;
  /** Starts importing the user's statutes in the background; poll importStatus for progress and the report. */
  importStatutes: ImportJobView;
  /** Stages files of a selection too large for one request; then importStatutes({ uploadId }). */
  uploadStatutes: StagedUploadView;
  importStatus: ImportJobView;
  /** Creates and activates a backbone version serving the best built-in models (the active version's budgets kept). */
  useBuiltinModels: BackboneVersion;
  /** Vectors from the served embedder (the same model and pooling as the vector index). */
  embed: EmbedResponse;
  /** Scores and order from the served reranker: article ids (any reranker) or raw texts (text-pair rerankers). */
  rerank: RerankResponse;
  /** The legal glossary: the shipped file's version and counts, and the firm's imported files. */
  glossary: GlossaryStatus;
  /** Imports a firm's glossary CSV: every row, or none (then `errors` names each bad line); replaces an earlier file of the same name. */
  importGlossary: GlossaryImportReport;
  /** Removes the rows imported from a firm glossary file (0 when there were none). */
  removeGlossaryFile: { removed: number };
  /** Marks a result relevant or not relevant for the query (a later mark on the same query and article replaces it), or records that it was opened. */
  markResult: FeedbackItem;
  /** Records that no result answered the query, with the results that were shown. */
  markNothingHere: FeedbackItem;
  /** Feedback items, newest first, filtered by date, law and mark (a keyed application sees only its own). */
  feedback: FeedbackPage;
  /** Changes a result's mark. */
  updateFeedback: FeedbackItem;
  /** Deletes an item: the next training from feedback no longer sees it. */
  deleteFeedback: { deleted: number };
  /** Queries the results did not serve, newest first, with what was shown and the articles added since. */
  failureCases: FailureCase[];
  /** Names the article that answers a failure case: it becomes a relevant mark (source `curation`). */
  addFailureArticle: FeedbackItem;
  /** Every item as JSONL (one per line), to pool a firm's feedback or train elsewhere. */
  exportFeedback: FolderExport;
  /** Imports exportFeedback's JSONL: all lines or none; a mark for the same query and article replaces the earlier one. */
  importFeedback: FeedbackImportReport;
  /** Starts training a new backbone version (not activated) from all the feedback, in the background; poll feedbackTraining. */
  trainFromFeedback: FeedbackTrainingView;
  feedbackTraining: FeedbackTrainingView;
  /** Stops the training: nothing is written, the active version and the feedback are untouched. */
  cancelFeedbackTraining: FeedbackTrainingView;
  /** A question's best provisions for a RAG prompt: whole, deduplicated, with citation, validity and the provisions they cite, within a character budget. */
  contextPack: ContextPack;
  /** How an AI assistant connects (the stdio command, the HTTP endpoint) and which are connected now. */
  assistantConnection: AssistantConnection;
}

export type ApiRequest<M extends ApiMethod> = z.input<(typeof REQUEST_SCHEMAS)[M]>;
export type ApiParsedRequest<M extends ApiMethod> = z.output<(typeof REQUEST_SCHEMAS)[M]>;

/**
 * Per-call options of the client side. `signal` cancels a call: HTTP aborts the request, IPC drops
 * the late answer; either way the promise rejects with code ABORTED. The backbone never sees them.
 */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * What the desktop preload puts on `window.lexbone`: the same methods, each resolving to the wire
 * `Result` (the renderer's IPC transport turns it into an `Api`).
 */
export type LexboneBridge = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<Result<ApiResponses[M]>> };

/** The one API. The renderer gets an `Api` and does not know whether IPC or HTTP carries it. */
export type Api = { [M in ApiMethod]: (req: ApiRequest<M>, opts?: CallOptions) => Promise<ApiResponses[M]> };

/**
 * What a transport passes to a handler beside the request: `signal` aborts work that can be stopped
 * (the client went away, or the service's per-request timeout ran out). Optional: IPC passes none.
 */
export interface HandlerCall {
  signal?: AbortSignal;
  /** The keyed application calling the shared service (its name); absent: the local user. */
  caller?: string;
}

/** What the backbone implements: requests already validated and defaults filled in. */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiParsedRequest<M>, call?: HandlerCall) => ApiResponses[M] | Promise<ApiResponses[M]> };

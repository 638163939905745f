import type { z } from 'zod';
import type { ApiMethod } from './methods';
import type { EvaluationView } from './evaluation-types';
import type { ImportJobView, IndexingControl, StagedUploadView } from './models-types';
import type { REQUEST_SCHEMAS } from './schemas';
import type { AppStatus, ArticleView, BackboneVersion, FolderDocument, FolderExport, FolderQuery, HistoryEntry, LawSummary, ModelsStatus, Pin, ResearchFolder, SearchResponse, Stats } from './types';

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
}

export type ApiRequest<M extends ApiMethod> = z.input<(typeof REQUEST_SCHEMAS)[M]>;
export type ApiParsedRequest<M extends ApiMethod> = z.output<(typeof REQUEST_SCHEMAS)[M]>;

/** The one API. The renderer gets an `Api` and does not know whether IPC or HTTP carries it. */
export type Api = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResponses[M]> };

/** What the backbone implements: requests already validated and defaults filled in. */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiParsedRequest<M>) => ApiResponses[M] | Promise<ApiResponses[M]> };

import type { ApiScope, MethodAccess } from './access-types';
import type { ApiMethod } from './methods';

/** Every scope an application may be given (`apps create|update --scopes`). */
export const API_SCOPES = ['search', 'admin', 'metrics', 'feedback'] as const satisfies readonly ApiScope[];

/**
 * The scope each API method needs from a keyed application. Reads and search: `search`. Changing
 * what every application is served (versions, models, imports, indexing) and the A/B sessions
 * (which load other versions' models for a while and hold the local user's queries): `admin`.
 * `locations` names files on the server's disk: `admin`. The glossary reads with `search`; a firm's
 * glossary files change every application's searches: `admin`. Relevance feedback: `feedback`
 * (each application reads and changes only its own items; the local user sees every application's).
 */
export const METHOD_ACCESS: Record<ApiMethod, MethodAccess> = {
  search: 'search', article: 'search', laws: 'search', stats: 'search', status: 'search', models: 'search',
  versions: 'search', evaluation: 'search', law: 'search', lawVersions: 'search', compareArticle: 'search',
  startResearch: 'search', researchRun: 'search', cancelResearch: 'search', importStatus: 'search',
  embed: 'search', rerank: 'search', glossary: 'search',
  activateVersion: 'admin', rollbackVersion: 'admin', useBuiltinModels: 'admin',
  pauseIndexing: 'admin', resumeIndexing: 'admin', importStatutes: 'admin', uploadStatutes: 'admin',
  abSessions: 'admin', prepareAb: 'admin', cancelAbPreparation: 'admin', abSession: 'admin', judgeAb: 'admin', tallyAb: 'admin',
  locations: 'admin', importGlossary: 'admin', removeGlossaryFile: 'admin',
  folders: 'personal', folder: 'personal', createFolder: 'personal', renameFolder: 'personal', deleteFolder: 'personal',
  pinArticle: 'personal', setPinNote: 'personal', unpin: 'personal', recordFolderQuery: 'personal', exportFolder: 'personal',
  history: 'personal', addHistory: 'personal', clearHistory: 'personal',
  markResult: 'feedback', markNothingHere: 'feedback', feedback: 'feedback', updateFeedback: 'feedback', deleteFeedback: 'feedback',
  failureCases: 'feedback', addFailureArticle: 'feedback', exportFeedback: 'feedback', importFeedback: 'feedback',
  // Training writes a new backbone version (never activates it): admin, as versions are.
  trainFromFeedback: 'admin', feedbackTraining: 'admin', cancelFeedbackTraining: 'admin',
  contextPack: 'search',
  // Names programs and files on the server's disk (the stdio command), as locations does.
  assistantConnection: 'admin',
};

/** The scope a keyed application needs for an access level (`personal` → `admin`). */
export const scopeFor = (access: MethodAccess): Exclude<ApiScope, 'metrics'> => (access === 'personal' ? 'admin' : access);

/** Whether an application with `scopes` may read GET /metrics (`metrics`, or `admin`, which includes it). */
export const mayScrapeMetrics = (scopes: readonly string[]): boolean => scopes.includes('metrics') || scopes.includes('admin');

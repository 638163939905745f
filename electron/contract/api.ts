import type { z } from 'zod';
import type { ApiMethod } from './methods';
import type { REQUEST_SCHEMAS } from './schemas';
import type { AppStatus, ArticleView, BackboneVersion, LawSummary, ModelsStatus, SearchResponse, Stats } from './types';

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
}

export type ApiRequest<M extends ApiMethod> = z.input<(typeof REQUEST_SCHEMAS)[M]>;
export type ApiParsedRequest<M extends ApiMethod> = z.output<(typeof REQUEST_SCHEMAS)[M]>;

/** The one API. The renderer gets an `Api` and does not know whether IPC or HTTP carries it. */
export type Api = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResponses[M]> };

/** What the backbone implements: requests already validated and defaults filled in. */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiParsedRequest<M>) => ApiResponses[M] | Promise<ApiResponses[M]> };

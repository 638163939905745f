/** Applications that call the shared backbone service with an API key (see electron/server/DESIGN.md). */
import type { PresetName } from './types';

/**
 * `search`: reads and search; `admin`: everything, including version activation, imports, indexing
 * control and the metrics; `metrics`: only GET /metrics (a Prometheus scraper's key), no API method;
 * `feedback`: giving, reading, exporting and importing the application's own relevance feedback.
 */
export type ApiScope = 'search' | 'admin' | 'metrics' | 'feedback';

/**
 * What a method needs: `search` or `admin` scope; `personal`: the local user's research folders and
 * history — allowed without a key on loopback, refused to a keyed application unless it has `admin`.
 * `feedback`: the `feedback` scope, or no key on loopback (the local user). No API method needs `metrics`.
 */
export type MethodAccess = 'search' | 'admin' | 'personal' | 'feedback';

/** A calling application as the registry shows it (never its key or hash). */
export interface ApplicationView {
  name: string;
  /** The key's public id (the `<id>` in `lxb_<id>_<secret>`), to tell keys apart in logs. */
  keyId: string;
  scopes: ApiScope[];
  /** Applied to a search that names neither a preset nor k / n. */
  defaultPreset: PresetName;
  /** Requests per minute (token bucket: a minute's worth may come at once). */
  ratePerMinute: number;
  /** Requests in flight at once. */
  concurrency: number;
  createdAt: string;
  /** When its scopes, preset or limits were last changed (`apps update`); null: never. */
  updatedAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What `apps create` answers: the application and its key, shown this once. */
export interface CreatedApplication {
  application: ApplicationView;
  key: string;
}

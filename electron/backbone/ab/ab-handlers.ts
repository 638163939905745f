/**
 * The A/B API methods (abSessions, prepareAb, abSession, judgeAb, tallyAb) over the session
 * folder, plus the one preparation that may run at a time. While a preparation owns the model
 * runtime (it serves version A's models, then B's), `idle()` lets the app hold its own searches
 * back, so no search is answered by the wrong version and no activation switches models mid-run.
 */
import type { AbSessionSummary } from '../../contract/ab-types';
import type { ApiHandlers } from '../../contract/api';
import { createError, toApiError } from '../../contract/errors';
import type { HistoryEntry } from '../../contract/types';
import type { Library } from '../library';
import type { ModelRuntime } from '../runtime/model-runtime';
import { checkModelsInstalled, prepareAbSession } from './ab-prepare';
import { AbStore } from './ab-store';
import { itemOf, summaryOf, tallyOf } from './ab-views';

export interface AbServiceOptions {
  /** The session folder, e.g. `<data folder>/ab`. */
  dir: string;
  library: () => Library;
  runtime: () => ModelRuntime | null;
  /** The user's recent searches, newest first. */
  history: (limit: number) => HistoryEntry[];
  /** Puts the app's own models (the active version's) back after a preparation. */
  restoreModels: () => Promise<void>;
  /** Stops a preparation (the app is closing). */
  signal?: AbortSignal;
  /** How many recent searches make the default query set. */
  historyQueries?: number;
}

type AbMethods = 'abSessions' | 'prepareAb' | 'abSession' | 'judgeAb' | 'tallyAb';

export interface AbService {
  handlers: Pick<ApiHandlers, AbMethods>;
  /** Resolves when no preparation is running (at once when none is). */
  idle(): Promise<void>;
  /** Calls `fn` now when no preparation runs (a throw stays a throw), else once it has finished. */
  after<T>(fn: () => T): T | Promise<Awaited<T>>;
}

/** Distinct queries in order (the history repeats a query each time it is searched). */
function distinct(texts: readonly string[]): string[] {
  return [...new Set(texts.map((t) => t.trim()).filter(Boolean))];
}

export function createAbService(opts: AbServiceOptions): AbService {
  const store = new AbStore(opts.dir);
  /** Preparations of this run of the app: the one in progress, and those that failed (kept for the list). */
  const jobs = new Map<string, AbSessionSummary>();
  let running: Promise<void> | null = null;

  const ready = (id: string) => {
    const job = jobs.get(id);
    if (job?.state === 'preparing') throw createError('AB_SESSION_NOT_READY', id);
    if (job?.state === 'failed') throw createError('AB_SESSION_NOT_FOUND', id);
    return store.read(id);
  };

  return {
    idle: () => running ?? Promise.resolve(),
    after: <T,>(fn: () => T) => (running ? running.then(() => fn() as Awaited<T>) : fn()),
    handlers: {
      abSessions: () => {
        const listed = store.list().map(({ id, session, problem }): AbSessionSummary =>
          session
            ? summaryOf(id, session)
            : { id, createdAt: '', state: 'failed', progress: null, error: problem, querySource: null, preset: null, queries: 0, items: 0, identical: 0, judged: 0 });
        const all = [...listed.filter((s) => !jobs.has(s.id)), ...[...jobs.values()].map((j) => structuredClone(j))];
        return all.sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
      },

      prepareAb: (req) => {
        if (running) throw createError('AB_BUSY');
        const lib = opts.library();
        const versions = lib.versions();
        const find = (id: number) => versions.find((v) => v.id === id) ?? (() => { throw createError('VERSION_NOT_FOUND', id); })();
        const versionA = find(req.a);
        const versionB = find(req.b);
        checkModelsInstalled(versionA, opts.runtime());
        checkModelsInstalled(versionB, opts.runtime());
        const source = req.queries ? 'pasted' : 'history';
        const queries = distinct(req.queries ?? opts.history(1000).map((h) => h.text)).slice(0, opts.historyQueries ?? 50);
        if (queries.length === 0) throw createError('AB_NO_QUERIES');

        const id = AbStore.newId();
        const job: AbSessionSummary = {
          id, createdAt: new Date().toISOString(), state: 'preparing', progress: { phase: 'starting', done: 0, total: 2 * queries.length },
          error: null, querySource: source, preset: req.preset, queries: queries.length, items: 0, identical: 0, judged: 0,
        };
        jobs.set(id, job);
        const work = async () => {
          try {
            const session = await prepareAbSession(
              { versionA, versionB, queries, origin: { source, preset: req.preset }, seed: Math.floor(Math.random() * 2 ** 31) },
              { library: lib, runtime: opts.runtime(), signal: opts.signal, onProgress: (phase, done, total) => (job.progress = { phase, done, total }) },
            );
            store.write(id, session);
            jobs.delete(id);
          } catch (e) {
            Object.assign(job, { state: 'failed', progress: null, error: toApiError(e) });
          } finally {
            await opts.restoreModels().catch(() => undefined);
          }
        };
        running = work().finally(() => (running = null));
        return structuredClone(job);
      },

      abSession: (req) => {
        const session = ready(req.id);
        const lib = opts.library();
        return { summary: summaryOf(req.id, session), items: session.items.map((_, i) => itemOf(lib, session, i)) };
      },

      judgeAb: (req) => {
        ready(req.id);
        const session = store.judge(req.id, req.itemIndex, req.verdict);
        return itemOf(opts.library(), session, req.itemIndex);
      },

      tallyAb: (req) => tallyOf(req.id, ready(req.id)),
    },
  };
}

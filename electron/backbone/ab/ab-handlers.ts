/**
 * The A/B API methods (abSessions, prepareAb, cancelAbPreparation, abSession, judgeAb, tallyAb)
 * over the session folder, plus the one preparation that may run at a time. A preparation uses
 * model sets of its own (ab-prepare.ts), so the app's searches, activations and rollbacks go on
 * meanwhile; a cancel stops it between two searches and nothing is saved.
 */
import type { AbSessionSummary } from '../../contract/ab-types';
import type { ApiHandlers } from '../../contract/api';
import { createError, toApiError } from '../../contract/errors';
import type { HistoryEntry } from '../../contract/folder-types';
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
  /** Stops a preparation (the app is closing). */
  signal?: AbortSignal;
  /** How many recent searches make the default query set. */
  historyQueries?: number;
  /** Test-only: a wait after each preparation search, so a preparation can be watched and cancelled. */
  searchDelayMs?: number;
}

type AbMethods = 'abSessions' | 'prepareAb' | 'cancelAbPreparation' | 'abSession' | 'judgeAb' | 'tallyAb';

export interface AbService {
  handlers: Pick<ApiHandlers, AbMethods>;
  /** Resolves when no preparation is running (at once when none is). */
  idle(): Promise<void>;
}

/** Distinct queries in order (the history repeats a query each time it is searched). */
function distinct(texts: readonly string[]): string[] {
  return [...new Set(texts.map((t) => t.trim()).filter(Boolean))];
}

export function createAbService(opts: AbServiceOptions): AbService {
  const store = new AbStore(opts.dir);
  /** Preparations of this run of the app: the one in progress, and those that failed or were cancelled (kept for the list). */
  const jobs = new Map<string, AbSessionSummary>();
  /** The preparation in progress: its id, its cancel, and its work. */
  let running: { id: string; cancel: AbortController; work: Promise<void> } | null = null;

  const ready = (id: string) => {
    const job = jobs.get(id);
    if (job?.state === 'preparing') throw createError('AB_SESSION_NOT_READY', id);
    if (job?.state === 'failed' || job?.state === 'cancelled') throw createError('AB_SESSION_NOT_FOUND', id);
    return store.read(id);
  };

  return {
    idle: () => running?.work ?? Promise.resolve(),
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
        const cancel = new AbortController();
        const work = async () => {
          try {
            const session = await prepareAbSession(
              { versionA, versionB, queries, origin: { source, preset: req.preset }, seed: Math.floor(Math.random() * 2 ** 31) },
              {
                library: lib, runtime: opts.runtime(), cancel: cancel.signal, closing: opts.signal, searchDelayMs: opts.searchDelayMs,
                onProgress: (phase, done, total) => (job.progress = { phase, done, total }),
              },
            );
            store.write(id, session);
            jobs.delete(id);
          } catch (e) {
            const error = toApiError(e);
            if (error.code === 'AB_CANCELLED') {
              Object.assign(job, { state: 'cancelled', progress: { ...job.progress!, phase: 'cancelled' }, error: null });
            } else Object.assign(job, { state: 'failed', progress: null, error });
          }
        };
        running = { id, cancel, work: work().finally(() => (running = null)) };
        return structuredClone(job);
      },

      cancelAbPreparation: async (req) => {
        if (running?.id === req.id) {
          const { cancel, work } = running;
          cancel.abort();
          await work; // at most the search in flight (or one indexing batch), then the version's models are unloaded
        }
        const job = jobs.get(req.id);
        if (job) return structuredClone(job);
        // Already finished: answered as it is.
        return summaryOf(req.id, store.read(req.id));
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

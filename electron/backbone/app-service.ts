import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createError, toApiError } from '../contract/errors';
import type { ApiHandlers } from '../contract/api';
import type { AppStatus } from '../contract/types';
import { runImportJob } from './ingest/import-job';
import { Library } from './library';

export interface AppServiceOptions {
  dbPath: string;
  /** Corpus imported on first run when the library is empty (null: none). */
  corpusPath: string | null;
  /** The import worker script (built .js in the app, a tsx bootstrap under Node). */
  importWorkerPath: string;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
}

export interface AppService {
  handlers: ApiHandlers;
  /** Opens the library and, on first run, starts importing the bundled corpus in the background. */
  start(): void;
  /** Resolves when the first-run import (if any) has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The application behind every shell (Electron IPC, the HTTP server): one library, a first-run
 * import with progress, and an error state (e.g. a damaged database) that the UI can show.
 */
export function createAppService(opts: AppServiceOptions): AppService {
  let lib: Library | null = null;
  let job: Promise<unknown> | null = null;
  const abort = new AbortController();
  const status: AppStatus = { state: 'importing', progress: null, error: null, lastImport: null };

  const ready = (): Library => {
    if (status.state === 'error') throw createError('NOT_READY', status.error!.message);
    if (!lib) throw createError('NOT_READY', 'the library is still opening.');
    return lib;
  };

  async function firstRunImport(l: Library, corpus: string): Promise<void> {
    status.state = 'importing';
    status.progress = { phase: 'starting', done: 0, total: 1, etaMs: null };
    try {
      status.lastImport = await runImportJob(
        opts.importWorkerPath,
        { dbPath: opts.dbPath, source: corpus, nativeBinding: opts.nativeBinding },
        (p) => (status.progress = p),
        abort.signal,
      );
      l.refresh();
      status.state = 'ready';
      status.progress = null;
    } catch (e) {
      status.state = 'error';
      status.error = toApiError(e);
    }
  }

  return {
    handlers: {
      search: (req) => ready().search(req),
      article: (req) => ready().article(req),
      laws: (req) => ready().laws(req),
      stats: () => ready().stats(),
      status: () => structuredClone(status),
    },
    start() {
      try {
        mkdirSync(dirname(opts.dbPath), { recursive: true });
        lib = new Library(opts.dbPath, { nativeBinding: opts.nativeBinding });
      } catch (e) {
        status.state = 'error';
        status.error = toApiError(e);
        return;
      }
      if (lib.isEmpty() && opts.corpusPath && existsSync(opts.corpusPath)) {
        job = firstRunImport(lib, opts.corpusPath);
      } else {
        status.state = 'ready';
      }
    },
    async idle() {
      await job;
    },
    async close() {
      abort.abort();
      await job;
      lib?.close();
      lib = null;
    },
  };
}

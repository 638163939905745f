import { Worker } from 'node:worker_threads';
import { LexboneError, type ApiErrorShape } from '../../contract/errors';
import type { ImportReport, Progress } from '../../contract/types';

/** What the import worker (backbone/import-worker.ts) is started with. */
export interface ImportWorkerInput {
  dbPath: string;
  source: string;
  category?: string;
  nativeBinding?: string;
}

/**
 * Runs an import in a worker thread and reports progress with an ETA. `workerPath` is the built
 * background worker (out/main/import-worker.js in the app; electron/server/import-worker-tsx.mjs,
 * which loads the TypeScript source, under tsx).
 */
export function runImportJob(
  workerPath: string,
  input: ImportWorkerInput,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  // Stopping the worker mid-import is safe: its single transaction is rolled back.
  return runWorkerJob<ImportReport>(workerPath, { kind: 'import', ...input }, onProgress, signal, 'the import');
}

/**
 * Runs one job of the background worker (backbone/import-worker.ts: an import, or a training from
 * feedback) in a worker thread: progress with an ETA per phase, its result, or its error as thrown
 * there. An abort terminates the worker at once (each job is written to be safe to stop anywhere).
 */
export function runWorkerJob<R>(workerPath: string, input: object, onProgress: (p: Progress) => void, signal: AbortSignal | undefined, what: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: input });
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    let phase = '';
    let phaseStart = performance.now();
    let settled = false;
    worker.on('message', (msg: { type: string } & Record<string, unknown>) => {
      if (msg.type === 'progress') {
        const { done, total } = msg as unknown as { done: number; total: number };
        if (msg.phase !== phase) {
          phase = msg.phase as string;
          phaseStart = performance.now();
        }
        const elapsed = performance.now() - phaseStart;
        const etaMs = done > 0 && done < total ? Math.round((elapsed / done) * (total - done)) : null;
        onProgress({ phase, done, total, etaMs });
      } else if (msg.type === 'done') {
        settled = true;
        resolve(msg.report as R);
      } else if (msg.type === 'error') {
        settled = true;
        const err = msg.error as ApiErrorShape;
        reject(LexboneError.fromShape(err));
      }
    });
    worker.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(signal?.aborted ? `${what} was cancelled` : `the worker running ${what} stopped with exit code ${code}`));
    });
  });
}

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
 * import-worker (out/main/import-worker.js in the app; electron/server/import-worker-tsx.mjs,
 * which loads the TypeScript source, under tsx).
 */
export function runImportJob(
  workerPath: string,
  input: ImportWorkerInput,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: input });
    // Stopping the worker mid-import is safe: its single transaction is rolled back.
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
        resolve(msg.report as ImportReport);
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
      if (!settled) reject(new Error(signal?.aborted ? 'the import was cancelled' : `the import worker stopped with exit code ${code}`));
    });
  });
}

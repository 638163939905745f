/**
 * Worker-thread entry that imports one source into a database file, so a long import never blocks
 * the thread that answers searches. Protocol (parentPort messages):
 *   → { type: 'progress', phase, done, total } …, then { type: 'done', report } or { type: 'error', error }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../contract/errors';
import { Library } from './library';
import type { ImportWorkerInput } from './ingest/import-job';

const input = workerData as ImportWorkerInput;
let lib: Library | undefined;
try {
  lib = new Library(input.dbPath, { nativeBinding: input.nativeBinding });
  const report = lib.import(input.source, {
    category: input.category,
    onProgress: (phase, done, total) => parentPort!.postMessage({ type: 'progress', phase, done, total }),
  });
  parentPort!.postMessage({ type: 'done', report });
} catch (e) {
  parentPort!.postMessage({ type: 'error', error: toApiError(e) });
} finally {
  lib?.close();
}

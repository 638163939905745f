/**
 * The background worker's entry (a worker thread of main or of the service), so long work never
 * blocks the thread that answers searches. Two jobs, by `kind`:
 *   import: one source into a database file (ingest/import-job.ts);
 *   train-feedback: a backbone version trained from feedback (train/feedback-training-job.ts).
 * Protocol (parentPort messages):
 *   → { type: 'progress', phase, done, total } …, then { type: 'done', report } or { type: 'error', error }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../contract/errors';
import { Library } from './library';
import type { ImportWorkerInput } from './ingest/import-job';
import type { FeedbackTrainingInput } from './train/feedback-training-job';
import { trainVersionFromFeedback } from './train/feedback-version';

const input = workerData as ({ kind: 'import' } & ImportWorkerInput) | ({ kind: 'train-feedback' } & FeedbackTrainingInput);
const onProgress = (phase: string, done: number, total: number) => parentPort!.postMessage({ type: 'progress', phase, done, total });
let lib: Library | undefined;
try {
  lib = new Library(input.dbPath, { nativeBinding: input.nativeBinding });
  const report = input.kind === 'import'
    ? lib.import(input.source, { category: input.category, onProgress })
    : await trainVersionFromFeedback({ ...input, lib, onProgress });
  parentPort!.postMessage({ type: 'done', report });
} catch (e) {
  parentPort!.postMessage({ type: 'error', error: toApiError(e) });
} finally {
  lib?.close();
}

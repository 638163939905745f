import { createError, toApiError } from '../../contract/errors';
import type { FeedbackItem, FeedbackTrainingView } from '../../contract/feedback-types';
import type { BackboneVersion } from '../../contract/types';
import { runWorkerJob } from '../ingest/import-job';

/** What the background worker is given to train a version from feedback (train/feedback-version.ts). */
export interface FeedbackTrainingInput {
  dbPath: string;
  nativeBinding?: string;
  modelDirs: string[];
  outDir: string;
  feedback: FeedbackItem[];
  embedderId: string | null;
  rerankerId: string | null;
  trainEmbedder?: boolean;
}

/**
 * The app's one training from feedback at a time, in the background worker (a worker thread), so
 * searches go on meanwhile. Cancel terminates the worker: the model folder is renamed into place
 * whole and the version row is written last, so a stop anywhere leaves the versions as they were.
 * The feedback is read when the job starts: an item deleted before then is never trained on.
 */
export class FeedbackTrainingJob {
  private view: FeedbackTrainingView = { state: 'idle', items: 0, progress: null, startedAt: null, finishedAt: null, versionId: null, error: null };
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly workerPath: string, private readonly onVersion: (v: BackboneVersion) => void = () => undefined) {}

  status(): FeedbackTrainingView {
    return structuredClone(this.view);
  }

  start(input: FeedbackTrainingInput): FeedbackTrainingView {
    if (this.view.state === 'running') throw createError('FEEDBACK_TRAINING_RUNNING');
    const abort = (this.abort = new AbortController());
    this.view = { state: 'running', items: input.feedback.length, progress: { phase: 'starting', done: 0, total: 1, etaMs: null }, startedAt: new Date().toISOString(), finishedAt: null, versionId: null, error: null };
    this.running = runWorkerJob<BackboneVersion>(this.workerPath, { kind: 'train-feedback', ...input }, (p) => {
      if (!abort.signal.aborted) this.view.progress = p;
    }, abort.signal, 'the training from feedback').then(
      (v) => {
        this.finish('done', null, v.id);
        this.onVersion(v);
      },
      (e) => this.finish(abort.signal.aborted ? 'cancelled' : 'failed', abort.signal.aborted ? null : toApiError(e), null),
    );
    return this.status();
  }

  cancel(): FeedbackTrainingView {
    if (this.view.state === 'running') this.abort?.abort();
    return this.status();
  }

  /** Resolves when the running job (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }

  async close(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }

  private finish(state: FeedbackTrainingView['state'], error: FeedbackTrainingView['error'], versionId: number | null): void {
    this.view = { ...this.view, state, error, versionId, progress: state === 'done' ? this.view.progress : null, finishedAt: new Date().toISOString() };
  }
}

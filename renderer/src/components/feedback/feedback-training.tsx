/**
 * "Train a new version from feedback": starts the training in the background, shows its progress
 * with Cancel, and when done names the new version (not active), which the models page compares,
 * A/B-tests, activates and rolls back like any other.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { FeedbackTrainingView } from '../../../../electron/contract/feedback-types';
import { asApiError, errorText, type ApiError } from '../../api/api-error';
import { formatEta, percent } from '../../format';
import { href } from '../../hooks/use-route';
import { FEEDBACK_STRINGS as T } from './feedback-strings';

const POLL_MS = 500;

/** `onTrained`: a version was just written (the models page reloads its versions). */
export function FeedbackTraining({ api, onTrained }: { api: Api; onTrained?: (versionId: number) => void }) {
  const [view, setView] = useState<FeedbackTrainingView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [withEmbedder, setWithEmbedder] = useState(false);
  const running = view?.state === 'running';

  useEffect(() => {
    let live = true;
    const poll = () => api.feedbackTraining({}).then((v) => live && setView(v), (e) => live && setError(asApiError(e)));
    void poll();
    if (!running) return () => void (live = false);
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, running]);

  const trainedId = view?.state === 'done' ? view.versionId : null;
  useEffect(() => {
    if (trainedId !== null) onTrained?.(trainedId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trainedId]);

  const act = (fn: () => Promise<FeedbackTrainingView>) =>
    fn().then((v) => (setView(v), setError(null)), (e) => setError(asApiError(e)));
  const p = view?.progress;
  return (
    <section className="feedback-training" data-testid="feedback-training" data-state={view?.state ?? ''}>
      <h3>{T.trainTitle}</h3>
      <p className="page__lead">{T.trainIntro}</p>
      {!running && (
        <div className="feedback-training__start">
          <label>
            <input type="checkbox" data-testid="feedback-train-embedder" checked={withEmbedder} onChange={(e) => setWithEmbedder(e.target.checked)} />
            {T.trainEmbedder}
          </label>
          <button type="button" className="versions__button" data-testid="feedback-train" onClick={() => void act(() => api.trainFromFeedback({ embedder: withEmbedder }))}>
            {T.train}
          </button>
        </div>
      )}
      {running && p && (
        <div className="feedback-training__progress" aria-live="polite">
          <progress max={Math.max(1, p.total)} value={p.done} data-testid="feedback-train-progress" />
          <span>
            {T.phase(p.phase)} · {percent(p.done, p.total)}
            {p.etaMs != null ? ` · ${formatEta(p.etaMs)}` : ''}
          </span>
          <button type="button" className="versions__button versions__button--quiet" data-testid="feedback-train-cancel" onClick={() => void act(() => api.cancelFeedbackTraining({}))}>
            {T.cancel}
          </button>
        </div>
      )}
      {view?.state === 'done' && view.versionId !== null && (
        <p role="status" data-testid="feedback-train-done" data-version-id={view.versionId}>
          {T.trained(view.versionId, view.items)} <a href={href('models')}>{T.toModels}</a>
        </p>
      )}
      {view?.state === 'cancelled' && <p role="status" data-testid="feedback-train-cancelled">{T.cancelled}</p>}
      {(view?.state === 'failed' || error) && (
        <p className="feedback-error" role="alert" data-testid="feedback-train-error" data-code={(view?.error ?? error)?.code}>
          {errorText((view?.error ?? error)!)}
        </p>
      )}
    </section>
  );
}

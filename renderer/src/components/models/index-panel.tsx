/** The vector index serving dense search, and the indexing pass with its progress, ETA, pause and resume. */
import { useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { ModelsStatus } from '../../../../electron/contract/types';
import { type ApiError, asApiError, errorText } from '../../api/api-error';
import { formatCount, formatEta, percent } from '../../format';
import { STRINGS } from '../../strings';
import { MODELS_STRINGS as T } from './models-strings';

interface Props {
  api: Api;
  status: ModelsStatus;
  onChanged: () => void;
}

export function IndexPanel({ api, status, onChanged }: Props) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { index, indexing } = status;
  const paused = indexing?.state === 'paused';

  const control = (call: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    call()
      .catch((e: unknown) => setFailure(asApiError(e)))
      .finally(() => {
        setBusy(false);
        onChanged();
      });
  };

  return (
    <section className="models-card" aria-labelledby="models-index" data-testid="index-panel">
      <h3 id="models-index">{T.indexTitle}</h3>
      {index ? (
        <dl className="index-facts" data-testid="index-facts" data-state={index.state}>
          <div><dt>{T.indexModel}</dt><dd><code data-testid="index-model">{index.modelId}</code></dd></div>
          <div><dt>{T.indexArticles}</dt><dd data-testid="index-articles">{formatCount(index.articles)}</dd></div>
          <div><dt>{T.indexQuantization}</dt><dd data-testid="index-quantization">{T.quantizations[index.quantization] ?? index.quantization}</dd></div>
          <div><dt>{T.indexState}</dt><dd data-testid="index-state">{T.indexStates[index.state] ?? index.state}</dd></div>
        </dl>
      ) : (
        <p className="models-card__hint" data-testid="index-none">{T.indexNone}</p>
      )}

      {indexing && (
        <div className={paused ? 'indexing indexing--paused' : 'indexing'} data-testid="indexing" data-state={indexing.state} aria-live="polite">
          <div className="indexing__head">
            <strong>{paused ? T.indexingPausedTitle(indexing.modelId) : T.indexingTitle(indexing.modelId)}</strong>
            {paused ? (
              <button type="button" className="versions__button" data-testid="indexing-resume" disabled={busy} onClick={() => control(() => api.resumeIndexing({}))}>
                {T.resume}
              </button>
            ) : (
              <button type="button" className="versions__button" data-testid="indexing-pause" disabled={busy} onClick={() => control(() => api.pauseIndexing({}))}>
                {T.pause}
              </button>
            )}
          </div>
          <progress
            className="import__bar"
            data-testid="indexing-bar"
            aria-label={T.indexingLabel}
            max={indexing.total > 0 ? indexing.total : undefined}
            value={indexing.total > 0 ? Math.min(indexing.done, indexing.total) : undefined}
          />
          <p className="import__detail">
            <span data-testid="indexing-phase">{T.phases[indexing.phase] ?? indexing.phase}</span>
            <span data-testid="indexing-counts">{STRINGS.importCounts(indexing.done, indexing.total)}</span>
            {percent(indexing.done, indexing.total) !== null && <span>{percent(indexing.done, indexing.total)}%</span>}
            {!paused && (
              <span data-testid="indexing-eta">{indexing.etaMs != null ? STRINGS.etaLabel(formatEta(indexing.etaMs)) : STRINGS.etaUnknown}</span>
            )}
          </p>
          <p className="models-card__hint">{paused ? T.indexingPausedHint : T.indexingHint}</p>
        </div>
      )}
      {failure && (
        <div className="error-banner" role="alert" data-testid="indexing-error" data-code={failure.code}>
          <strong>{T.controlFailed}</strong>
          <span>{errorText(failure)}</span>
        </div>
      )}
    </section>
  );
}

/**
 * The deep-research page (#/research): a question, Start, then a progress bar with Cancel while
 * the reranker works through the research budget; the findings grouped by law re-order as batches
 * come in, with what was ranked low and the provisions the findings cite.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ResearchRunView } from '../../../electron/contract/research-types';
import { formatEta, percent } from '../format';
import { SearchQueryContext, type ServedSearch } from '../hooks/search-query-context';
import { ResultFeedbackContext, useResultFeedback } from '../hooks/use-result-feedback';
import { NothingHere } from './feedback/nothing-here';
import { useResearchRun } from '../hooks/use-research-run';
import type { Route } from '../hooks/use-route';
import { ResearchFindings } from './research-findings';
import { LowRankedSection, RelatedSection } from './research-sections';
import { RESEARCH_STRINGS as T } from './research-strings';
import './research.css';
import { ErrorBanner } from './error-banner';
import { errorText } from '../api/api-error';

function ResearchProgress({ run, onCancel }: { run: ResearchRunView; onCancel: () => void }) {
  const { phase, done, total, etaMs } = run.progress;
  const running = run.state === 'running';
  const pct = percent(done, total);
  let line: string;
  if (run.state === 'done') line = T.doneSummary(done, (run.tookMs / 1000).toFixed(1));
  else if (run.state === 'cancelled') line = T.cancelledSummary(done, total);
  else if (run.state === 'failed') line = T.failedSummary;
  else if (phase === 'retrieving') line = T.phaseRetrieving;
  else line = `${T.reranked(done, total)} · ${etaMs != null ? T.eta(formatEta(etaMs)) : T.etaUnknown}`;

  return (
    <section
      className={`research-progress research-progress--${run.state}`}
      data-testid="research-progress"
      data-state={run.state}
      data-done={done}
      data-total={total}
      aria-live="polite"
    >
      <div className="research-progress__row">
        <progress
          className="research-progress__bar"
          data-testid="research-progress-bar"
          aria-label={T.progressLabel}
          max={total > 0 ? total : undefined}
          value={total > 0 && phase !== 'retrieving' ? Math.min(done, total) : undefined}
        />
        {running && (
          <button type="button" className="versions__button" data-testid="research-cancel" onClick={onCancel}>
            {T.cancel}
          </button>
        )}
      </div>
      <p className="research-progress__detail">
        <span data-testid="research-progress-text">{line}</span>
        {running && pct !== null && phase !== 'retrieving' && <span className="research-progress__pct">{pct}%</span>}
        <span className="research-progress__budget" data-testid="research-budget">
          {T.budget(run.budget.k, run.budget.n)}
        </span>
      </p>
      {run.degraded && (
        <p className="research-progress__degraded" data-testid="research-degraded">
          {T.degraded(errorText({ message: run.degraded, messageZh: run.degradedZh ?? undefined }))}
        </p>
      )}
      {run.error && (
        <p className="research-progress__error" role="alert" data-testid="research-error" data-code={run.error.code}>
          {errorText(run.error)}
        </p>
      )}
    </section>
  );
}

export function ResearchPage({ api, route }: { api: Api; route: Route }) {
  const runId = route.query.get('run');
  const routeQuery = route.query.get('q') ?? '';
  const { run, error, starting, start, cancel } = useResearchRun(api, runId);
  const [text, setText] = useState(routeQuery);
  useEffect(() => setText(routeQuery), [routeQuery]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(text);
  };
  const expired = error?.code === 'RESEARCH_RUN_NOT_FOUND';
  const runQuery = run && run.runId === runId ? run.query : '';
  const runPreset = run?.budget.preset ?? null;
  const served = useMemo<ServedSearch | null>(() => (runQuery ? { query: runQuery, preset: runPreset, source: 'research' } : null), [runQuery, runPreset]);
  const feedback = useResultFeedback(api, served);

  return (
    <section className="page research" data-testid="research-page">
      <header className="research__head">
        <h2 className="page__title">{T.title}</h2>
        <p className="page__lead">{run ? T.lead(run.budget.k, run.budget.n) : T.leadDefault}</p>
      </header>
      <form className="search-box research-form" role="search" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="research-input">
          {T.inputLabel}
        </label>
        <input
          id="research-input"
          data-testid="research-input"
          type="search"
          value={text}
          placeholder={T.placeholder}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" data-testid="research-start" disabled={starting || !text.trim() || run?.state === 'running'}>
          {run && run.query === text.trim() && run.state !== 'running' ? T.restart : T.start}
        </button>
      </form>
      {error && <ErrorBanner error={error} heading={expired ? undefined : T.startFailed} message={expired ? T.expired : undefined} />}
      {run && run.runId === runId && (
        <SearchQueryContext.Provider value={served!}>
        <ResultFeedbackContext.Provider value={feedback}>
          <ResearchProgress run={run} onCancel={cancel} />
          <div className="research__body" data-testid="research-output" data-state={run.state} data-query={run.query}>
            <div className="research__main">
              <ResearchFindings run={run} />
              {run.state !== 'running' && run.hits.length > 0 && <NothingHere shown={[...run.hits].sort((a, b) => a.rank - b.rank).map((h) => h.articleId)} />}
              <LowRankedSection run={run} />
            </div>
            <aside className="research__aside">
              <RelatedSection run={run} />
            </aside>
          </div>
        </ResultFeedbackContext.Provider>
        </SearchQueryContext.Provider>
      )}
    </section>
  );
}

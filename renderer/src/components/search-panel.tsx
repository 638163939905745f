/**
 * The search page. The URL holds the search (query, budget, filters: see search-params.ts); the
 * box and the sidebar write it, and the results follow it, so reload and Back restore a search.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import { goToSearch, parseSearchParams, RESULT_LIMIT, searchRequest, type SearchParams } from '../hooks/search-params';
import { SearchQueryContext, type ServedSearch } from '../hooks/search-query-context';
import { ResultFeedbackContext, useResultFeedback } from '../hooks/use-result-feedback';
import { useBudgetFacts, type ServedModels } from '../hooks/use-budget-facts';
import type { Route } from '../hooks/use-route';
import { useSearch, type SearchState } from '../hooks/use-search';
import { useSearchHistory, type SearchHistory } from '../hooks/use-search-history';
import { formatDateTime } from '../format';
import { STRINGS } from '../strings';
import { SEARCH_STRINGS as T } from './search-strings';
import { ErrorBanner } from './error-banner';
import { GlossaryCards } from './glossary/glossary-cards';
import { ResultList } from './result-list';
import { SearchBox } from './search-box';
import { SearchBudget } from './search-budget';
import { SearchFilters } from './search-filters';
import './search.css';

function RecentSearches({ history, onPick }: { history: SearchHistory; onPick: (query: string) => void }) {
  if (history.entries.length === 0) return null;
  return (
    <section className="recent" data-testid="recent-searches" aria-label={T.historyTitle}>
      <div className="recent__head">
        <h2>{T.historyTitle}</h2>
        <button type="button" className="versions__button versions__button--quiet" data-testid="history-clear" onClick={history.clear}>
          {T.historyClear}
        </button>
      </div>
      <ul className="recent__list">
        {history.entries.map((h) => (
          <li key={h.id}>
            <button type="button" className="recent__item" data-testid="recent-search" onClick={() => onPick(h.text)}>
              <span className="recent__text">{h.text}</span>
              <span className="recent__meta">
                {h.preset ? `${T.budgetNames[h.preset] ?? h.preset} · ` : ''}
                {T.historyCount(h.resultCount)} · {formatDateTime(h.searchedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EmptyState({ onPick, history }: { onPick: (query: string) => void; history: SearchHistory }) {
  return (
    <div className="notice empty" data-testid="empty-state">
      <RecentSearches history={history} onPick={onPick} />
      <p>{STRINGS.emptyHint}</p>
      <p className="empty__examples">
        <span>{STRINGS.examplesTitle}</span>
        {STRINGS.examples.map((q) => (
          <button key={q} type="button" className="chip" onClick={() => onPick(q)}>
            {q}
          </button>
        ))}
      </p>
    </div>
  );
}

function shownQuery(state: SearchState): string {
  return state.kind === 'idle' ? '' : state.query;
}

export function SearchPanel({ api, route }: { api: Api; route: Route }) {
  const params = parseSearchParams(route.query);
  const [served, setServed] = useState<ServedModels | null>(null);
  const facts = useBudgetFacts(api, served);
  const n = facts.facts.find((f) => f.preset === params.preset)?.n;
  const state = useSearch(api, facts.loaded ? searchRequest(params, n || RESULT_LIMIT) : null);
  // The models the latest answer came from: what the budget's measurements must match.
  const answered = state.kind === 'done' && state.response.mode !== 'citation' ? state.response.models : null;
  useEffect(() => {
    if (answered && (answered.embedder !== served?.embedder || answered.reranker !== served?.reranker)) setServed(answered);
  }, [answered, served]);
  const [selectFirst, setSelectFirst] = useState(0);
  const history = useSearchHistory(api, state.kind === 'done' ? { query: state.query, preset: params.preset, response: state.response } : null);

  const query = shownQuery(state);
  const servedSearch = useMemo<ServedSearch>(() => ({ query, preset: params.preset, source: 'search' }), [query, params.preset]);
  // Marks are given on a finished answer to a question (a citation names its article: nothing to mark).
  const markable = state.kind === 'done' && state.response.mode !== 'citation' ? servedSearch : null;
  const feedback = useResultFeedback(api, markable);

  const update = (next: Partial<SearchParams>) => goToSearch({ ...params, ...next });
  const search = (text: string) => update({ q: text.trim() });

  return (
    <div className="search-page" data-testid="search-page">
      <SearchBox
        api={api}
        query={params.q}
        onSearch={search}
        busy={state.kind === 'loading'}
        onArrowDownOut={() => setSelectFirst((n) => n + 1)}
      />
      <div className="search-layout">
        <aside className="search-side" aria-label={STRINGS.searchLabel}>
          <SearchBudget value={params.preset} facts={facts} onChange={(preset) => update({ preset })} />
          <SearchFilters api={api} params={params} onChange={update} />
        </aside>
        <SearchQueryContext.Provider value={servedSearch}>
        <ResultFeedbackContext.Provider value={markable ? feedback : null}>
          {/* data-query/data-busy say which query the output belongs to, for tests and styles. */}
          <div className="search-output" data-testid="search-output" data-busy={state.kind === 'loading'} data-query={shownQuery(state)}>
            {state.kind === 'idle' && <EmptyState onPick={search} history={history} />}
            {state.kind === 'loading' && state.previous && (
              <>
                <GlossaryCards cards={state.previous.glossary} stale />
                <ResultList api={api} response={state.previous} stale selectFirst={0} asOf={params.asOf} />
              </>
            )}
            {state.kind === 'loading' && !state.previous && <p className="notice">{STRINGS.searching}</p>}
            {state.kind === 'done' && (
              <>
                <GlossaryCards cards={state.response.glossary} />
                <ResultList api={api} response={state.response} stale={false} selectFirst={selectFirst} asOf={params.asOf} />
              </>
            )}
            {state.kind === 'failed' && <ErrorBanner error={state.error} heading={STRINGS.searchFailed} />}
          </div>
        </ResultFeedbackContext.Provider>
        </SearchQueryContext.Provider>
      </div>
    </div>
  );
}

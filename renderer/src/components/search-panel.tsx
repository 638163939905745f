/** The search screen: box, then one of empty state, results, no results, or an error banner. */
import { useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import { SearchQueryContext } from '../hooks/search-query-context';
import { useSearch, type SearchState } from '../hooks/use-search';
import { STRINGS } from '../strings';
import { ErrorBanner } from './error-banner';
import { ResultList } from './result-list';
import { SearchBox } from './search-box';

function EmptyState({ onPick }: { onPick: (query: string) => void }) {
  return (
    <div className="notice empty" data-testid="empty-state">
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

export function SearchPanel({ api }: { api: Api }) {
  const { state, search } = useSearch(api);
  const [preset, setPreset] = useState<{ text: string } | undefined>(undefined);

  const pick = (query: string) => {
    setPreset({ text: query });
    search(query);
  };

  return (
    <>
      <SearchBox onSearch={search} busy={state.kind === 'loading'} preset={preset} />
      <SearchQueryContext.Provider value={shownQuery(state)}>
        {/* data-query/data-busy say which query the output belongs to, for tests and styles. */}
        <div
          className="search-output"
          data-testid="search-output"
          data-busy={state.kind === 'loading'}
          data-query={shownQuery(state)}
        >
          {state.kind === 'idle' && <EmptyState onPick={pick} />}
          {state.kind === 'loading' && state.previous && <ResultList response={state.previous} stale />}
          {state.kind === 'loading' && !state.previous && <p className="notice">{STRINGS.searching}</p>}
          {state.kind === 'done' && <ResultList response={state.response} stale={false} />}
          {state.kind === 'failed' && <ErrorBanner error={state.error} />}
        </div>
      </SearchQueryContext.Provider>
    </>
  );
}

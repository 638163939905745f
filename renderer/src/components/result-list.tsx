/** The hits of one response, in rank order; a citation query's article comes first and is flagged. */
import type { SearchResponse } from '../../../electron/contract/types';
import { STRINGS } from '../strings';
import { ResultItem } from './result-item';

interface Props {
  response: SearchResponse;
  stale: boolean;
}

export function ResultList({ response, stale }: Props) {
  const hits = [...response.hits].sort((a, b) => a.rank - b.rank);
  if (hits.length === 0) {
    return (
      <div className="notice" data-testid="no-results">
        <p>{STRINGS.noResults(response.query)}</p>
        <p className="notice__hint">{STRINGS.noResultsHint}</p>
      </div>
    );
  }
  return (
    <section
      className={stale ? 'results results--stale' : 'results'}
      aria-busy={stale}
      data-testid="results"
      data-mode={response.mode}
    >
      <p className="results__summary" data-testid="result-summary">
        {STRINGS.resultCount(hits.length, response.tookMs)}
      </p>
      <ol className="results__list" data-testid="result-list">
        {hits.map((hit, i) => (
          <ResultItem key={hit.articleId} hit={hit} citationMatch={response.mode === 'citation' && i === 0} />
        ))}
      </ol>
    </section>
  );
}

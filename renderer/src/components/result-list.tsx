/**
 * The hits of one response, in rank order; a citation query's article comes first and is flagged.
 * ArrowUp/ArrowDown move a selection through them, Enter opens the selected article, `c` copies
 * its citation (see search-keys.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { SearchResponse } from '../../../electron/contract/types';
import { href } from '../hooks/use-route';
import { STRINGS } from '../strings';
import { ResultItem } from './result-item';
import { copyText, useResultKeys } from './search-keys';
import { NothingHere } from './feedback/nothing-here';
import { useServedSearch } from '../hooks/search-query-context';
import { rememberOpenedFrom, useResultFeedbackContext } from '../hooks/use-result-feedback';
import { SEARCH_STRINGS as S } from './search-strings';

interface Props {
  api: Api;
  response: SearchResponse;
  stale: boolean;
  /** Bumped from outside (ArrowDown in the search box) to select the first result. */
  selectFirst: number;
  /** The date the search was made as of, if any. */
  asOf: string | null;
}

const COPIED_MS = 1500;

export function ResultList({ api, response, stale, selectFirst, asOf }: Props) {
  const hits = [...response.hits].sort((a, b) => a.rank - b.rank);
  const [selected, setSelected] = useState(-1);
  const [copied, setCopied] = useState<{ index: number; ok: boolean } | null>(null);
  const items = useRef<(HTMLLIElement | null)[]>([]);
  const feedback = useResultFeedbackContext();
  const served = useServedSearch();
  /** Opening a result from the list: recorded (implicit feedback), and its page offers the same marks. */
  const opened = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    feedback?.opened(hit);
    if (feedback) rememberOpenedFrom(hit.articleId, served, hit.rank);
  };

  useEffect(() => setSelected(-1), [response]);
  // Selecting the first result happens in the same render as the request (state derived during
  // render, not in an effect): a key pressed right after leaving the box then moves on from it,
  // instead of racing an effect that would reset the selection after it.
  const [seenSelectFirst, setSeenSelectFirst] = useState(selectFirst);
  if (selectFirst !== seenSelectFirst) {
    setSeenSelectFirst(selectFirst);
    setSelected(0);
  }
  useEffect(() => {
    if (selected >= 0) items.current[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  useResultKeys({
    count: stale ? 0 : hits.length,
    selected,
    select: setSelected,
    open: (i) => {
      const hit = hits[i];
      if (!hit) return;
      opened(i);
      window.location.hash = href('article', [hit.articleId]);
    },
    mark: (i, mark) => {
      const hit = hits[i];
      if (hit && feedback) void feedback.mark(hit, mark);
    },
    copy: (i) => {
      const hit = hits[i];
      if (hit) void copyText(hit.citation).then((ok) => setCopied({ index: i, ok }));
    },
  });

  if (hits.length === 0) {
    return (
      <div className="notice" data-testid="no-results">
        <p>{STRINGS.noResults(response.query)}</p>
        <p className="notice__hint">{STRINGS.noResultsHint}</p>
      </div>
    );
  }
  return (
    <section className={stale ? 'results results--stale' : 'results'} aria-busy={stale} data-testid="results" data-mode={response.mode}>
      <div className="results__summary">
        <span data-testid="result-summary">{STRINGS.resultCount(hits.length, response.tookMs)}</span>
        {response.mode !== 'citation' && (
          <span data-testid="result-budget" data-k={response.budget.k} data-n={response.budget.n}>
            {S.summaryBudget(S.budgetNames[response.budget.preset ?? ''] ?? '', response.budget.k, response.budget.n)}
          </span>
        )}
        {asOf && <span data-testid="result-as-of">{S.summaryAsOf(asOf)}</span>}
        <span className="results__keys" aria-hidden="true">
          {S.keyboardHint}
        </span>
      </div>
      <ol className="results__list" data-testid="result-list">
        {hits.map((hit, i) => (
          <ResultItem
            key={hit.articleId}
            ref={(el) => {
              items.current[i] = el;
            }}
            api={api}
            hit={hit}
            asOf={asOf}
            citationMatch={response.mode === 'citation' && i === 0}
            reranker={response.models.reranker}
            selected={i === selected}
            copied={copied?.index === i ? (copied.ok ? 'ok' : 'failed') : null}
            onSelect={() => setSelected(i)}
            onOpen={() => opened(i)}
          />
        ))}
      </ol>
      {!stale && <NothingHere shown={hits.map((h) => h.articleId)} />}
    </section>
  );
}

/**
 * A research run's findings grouped by law: one heading per law version (title, version, validity,
 * how many of its articles were found), its articles in score order, each linking to the article.
 * Groups are ordered by their best-ranked article, so the page re-orders as the batches come in.
 */
import type { ResearchRunView } from '../../../electron/contract/research-types';
import type { LawSummary, SearchHit } from '../../../electron/contract/types';
import { href } from '../hooks/use-route';
import { PinAction } from './pin-action';
import { FeedbackMarks } from './feedback/feedback-marks';
import { useServedSearch } from '../hooks/search-query-context';
import { rememberOpenedFrom, useResultFeedbackContext } from '../hooks/use-result-feedback';
import { RESEARCH_STRINGS as T } from './research-strings';

export interface LawGroup {
  law: LawSummary;
  hits: SearchHit[];
}

/** Hits grouped by law version, groups in the order of their first (best) hit. */
function groupByLaw(hits: readonly SearchHit[]): LawGroup[] {
  const groups = new Map<number, LawGroup>();
  for (const hit of [...hits].sort((a, b) => a.rank - b.rank)) {
    const g = groups.get(hit.law.id) ?? { law: hit.law, hits: [] };
    g.hits.push(hit);
    groups.set(hit.law.id, g);
  }
  return [...groups.values()];
}

export function StatusBadge({ law }: { law: LawSummary }) {
  const current = law.status === 'current';
  return (
    <span className={current ? 'badge badge--current' : 'badge badge--superseded'} data-testid="law-status" data-status={law.status}>
      {current ? T.statusCurrent : T.statusSuperseded}
    </span>
  );
}

function Finding({ hit }: { hit: SearchHit }) {
  const before = hit.ranks.beforeRerank;
  const feedback = useResultFeedbackContext();
  const served = useServedSearch();
  const onOpen = () => {
    feedback?.opened(hit);
    if (feedback) rememberOpenedFrom(hit.articleId, served, hit.rank);
  };
  return (
    <li className="finding" data-testid="research-hit" data-article-id={hit.articleId} data-rank={hit.rank}>
      <span className="finding__rank" aria-hidden="true">
        {hit.rank}
      </span>
      <div className="finding__body">
        <div className="finding__head">
          <a className="finding__label" href={href('article', [hit.articleId])} data-testid="research-hit-link" title={hit.citation} onClick={onOpen}>
            {hit.label}
          </a>
          {hit.path.length > 0 && <span className="finding__path">{hit.path.join(' › ')}</span>}
          <span className="finding__meta">
            {before !== null && hit.reranked && <span data-testid="research-hit-before">{T.rankMoved(before)}</span>}
          </span>
        </div>
        <p className="finding__snippet" data-testid="research-hit-snippet">
          {hit.snippet.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
        </p>
        <div className="finding__foot">
          <FeedbackMarks hit={hit} />
          <PinAction hit={hit} />
        </div>
      </div>
    </li>
  );
}

export function ResearchFindings({ run }: { run: ResearchRunView }) {
  const groups = groupByLaw(run.hits);
  const waiting = run.state === 'running' && run.hits.length === 0;
  return (
    <section className="research-findings" data-testid="research-results" aria-labelledby="research-findings-title">
      <div className="research-section__head">
        <h3 id="research-findings-title">{T.resultsTitle}</h3>
        {run.hits.length > 0 && <span className="research-section__count">{T.resultsCount(run.hits.length, groups.length)}</span>}
      </div>
      {waiting && <p className="notice">{T.waiting}</p>}
      {!waiting && run.hits.length === 0 && run.state !== 'failed' && <p className="notice">{T.noResults}</p>}
      {groups.map((g) => (
        <article key={g.law.id} className="law-group" data-testid="research-law-group" data-law-id={g.law.id}>
          <header className="law-group__head">
            <h4 className="law-group__title" data-testid="research-law-title">
              {g.law.title}
            </h4>
            {g.law.versionDate && <span className="law-group__version">{T.version(g.law.versionDate)}</span>}
            <StatusBadge law={g.law} />
            <span className="law-group__count" data-testid="research-law-count">
              {T.lawCount(g.hits.length)}
            </span>
          </header>
          <ol className="law-group__list">
            {g.hits.map((h) => (
              <Finding key={h.articleId} hit={h} />
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}

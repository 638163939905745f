/**
 * 被引用 / Cited by: the provisions whose text cites the article being read (the reverse
 * reference index), current versions first, each a link with the citing words highlighted in
 * their sentence. Open when a few provisions cite it; the total is always shown.
 */
import type { CitedBy } from '../../../electron/contract/types';
import { href } from '../hooks/use-route';
import { ARTICLE_STRINGS as T } from './article-strings';

/** Up to this many citing provisions, the section starts open. */
const OPEN_UP_TO = 5;

export function ArticleCitedBy({ citedBy }: { citedBy: CitedBy }) {
  const { total, provisions } = citedBy;
  return (
    <details className="cited-by" data-testid="cited-by" data-total={total} open={total > 0 && total <= OPEN_UP_TO}>
      <summary className="cited-by__title" data-testid="cited-by-toggle">
        {T.citedByTitle(total)}
      </summary>
      {total === 0 ? (
        <p className="cited-by__empty">{T.citedByNone}</p>
      ) : (
        <>
          {provisions.length < total && <p className="cited-by__more">{T.citedByFirst(provisions.length, total)}</p>}
          <ul className="cited-by__list">
            {provisions.map((p) => (
              <li key={p.articleId} className="cited-by__item" data-testid="cited-by-item" data-article-id={p.articleId} data-status={p.law.status}>
                <a href={href('article', [p.articleId])} className="cited-by__link" data-testid="cited-by-link" title={T.xrefTitle(p.citation)}>
                  {p.law.shortTitle}
                  {p.label}
                </a>
                {p.law.status !== 'current' && (
                  <span className="cited-by__superseded" data-testid="cited-by-superseded">
                    {p.law.versionDate ? T.versionOf(p.law.versionDate) : T.undated} · {T.citedBySuperseded}
                  </span>
                )}
                <p className="cited-by__snippet" data-testid="cited-by-snippet">
                  {p.snippet.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

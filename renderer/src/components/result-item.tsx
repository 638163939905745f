/** One search hit: citation, status badge, chapter path, and the snippet with hits in <mark>. */
import type { SearchHit } from '../../../electron/contract/types';
import { STRINGS } from '../strings';
import { PinAction } from './pin-action';

interface Props {
  hit: SearchHit;
  /** The article a citation query named; shown first and flagged. */
  citationMatch: boolean;
}

export function ResultItem({ hit, citationMatch }: Props) {
  const current = hit.law.status === 'current';
  return (
    <li className={citationMatch ? 'result result--citation' : 'result'} data-testid="result" data-article-id={hit.articleId}>
      <div className="result__head">
        <h2 className="result__citation" data-testid="result-citation">
          {hit.citation}
        </h2>
        {citationMatch && <span className="badge badge--citation">{STRINGS.citationMatch}</span>}
        <span
          className={current ? 'badge badge--current' : 'badge badge--superseded'}
          data-testid="result-status"
          data-status={hit.law.status}
        >
          {current ? STRINGS.statusCurrent : STRINGS.statusSuperseded}
        </span>
      </div>
      <p className="result__meta">
        {hit.path.length > 0 && (
          <span className="result__path" data-testid="result-path">
            {hit.path.join(' › ')}
          </span>
        )}
        {hit.law.versionDate && <span className="result__version">{STRINGS.versionDate(hit.law.versionDate)}</span>}
      </p>
      <p className="result__snippet" data-testid="result-snippet">
        {hit.snippet.map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
      </p>
      <PinAction hit={hit} />
    </li>
  );
}

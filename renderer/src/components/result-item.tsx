/**
 * One search hit: its citation (a link to the article page), validity, the glossary name that
 * pointed at it (术语：盗窃罪), law and chapter path, the text with matched terms in <mark>, score
 * details (collapsed) and the pin action.
 */
import { forwardRef } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { SearchHit } from '../../../electron/contract/types';
import { href } from '../hooks/use-route';
import { STRINGS } from '../strings';
import { GLOSSARY_STRINGS as G } from './glossary/glossary-strings';
import { PinAction } from './pin-action';
import { FeedbackMarks } from './feedback/feedback-marks';
import { ResultDetails } from './result-details';
import { ResultValidity } from './result-validity';
import { SEARCH_STRINGS as S } from './search-strings';

interface Props {
  api: Api;
  hit: SearchHit;
  /** The search's as-of date (YYYY-MM-DD), or null: validity is then told for that day. */
  asOf?: string | null;
  /** The article a citation query named; shown first and flagged. */
  citationMatch: boolean;
  /** The reranker that scored the response (shown in the score details). */
  reranker?: string | null;
  selected: boolean;
  copied: 'ok' | 'failed' | null;
  onSelect: () => void;
  /** The article is being opened from the list (its citation or "open" link). */
  onOpen?: () => void;
}

export const ResultItem = forwardRef<HTMLLIElement, Props>(function ResultItem({ api, hit, asOf = null, citationMatch, reranker = null, selected, copied, onSelect, onOpen }, ref) {
  const classes = ['result', citationMatch && 'result--citation', selected && 'result--selected'].filter(Boolean).join(' ');
  const articleHref = href('article', [hit.articleId]);
  return (
    <li
      ref={ref}
      className={classes}
      data-testid="result"
      data-article-id={hit.articleId}
      data-selected={selected}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
    >
      <div className="result__head">
        <h2 className="result__citation">
          <a href={articleHref} data-testid="result-citation" onClick={onOpen}>
            {hit.citation}
          </a>
        </h2>
        {citationMatch && <span className="badge badge--citation">{STRINGS.citationMatch}</span>}
        <ResultValidity api={api} hit={hit} asOf={asOf} />
        {hit.glossaryTerm && (
          <span className="badge badge--glossary" data-testid="result-glossary-term" title={G.termBadgeTitle(hit.glossaryTerm)}>
            {G.termBadge(hit.glossaryTerm)}
          </span>
        )}
        {copied && (
          <span className={copied === 'ok' ? 'result__copied' : 'result__copied result__copied--failed'} role="status" data-testid="copied">
            {copied === 'ok' ? S.copied : S.copyFailed}
          </span>
        )}
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
      {citationMatch && (
        <a className="result__open" href={articleHref} data-testid="open-article" onClick={onOpen}>
          {S.openArticle} →
        </a>
      )}
      <div className="result__foot">
        {!citationMatch && <ResultDetails hit={hit} reranker={reranker} />}
        <FeedbackMarks hit={hit} />
        <PinAction hit={hit} />
      </div>
    </li>
  );
});

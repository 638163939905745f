/**
 * The actions under the article being read: previous / next article, copy its citation, pin it to
 * a research folder, and open the comparison across versions.
 */
import type { ArticleView } from '../../../electron/contract/types';
import { href } from '../hooks/use-route';
import { ARTICLE_STRINGS as T } from './article-strings';
import { PinAction } from './pin-action';
import { FeedbackMarks } from './feedback/feedback-marks';
import { FEEDBACK_STRINGS as F } from './feedback/feedback-strings';
import { useServedSearch } from '../hooks/search-query-context';
import { useResultFeedbackContext } from '../hooks/use-result-feedback';
import { useCopy } from '../hooks/use-copy';


/** The citation a lawyer pastes: a superseded version says which version it is. */
function citationText(view: ArticleView): string {
  return view.law.status === 'current' || !view.law.versionDate ? view.citation : T.citationOfVersion(view.citation, view.law.versionDate);
}

interface Props {
  view: ArticleView;
  /** Its rank in the result list it was opened from, if any. */
  rank?: number;
  /** Null when the law has a single version. */
  compareOpen: boolean | null;
  onToggleCompare: () => void;
}

export function ArticleActions({ view, rank, compareOpen, onToggleCompare }: Props) {
  const served = useServedSearch();
  const feedback = useResultFeedbackContext();
  const { copied, copy } = useCopy();

  return (
    <div className="article-actions" data-testid="article-actions">
      <div className="article-actions__nav">
        {view.prevId !== null ? (
          <a className="versions__button versions__button--quiet" href={href('article', [view.prevId])} data-testid="prev-article" rel="prev">
            ← {T.prev}
          </a>
        ) : (
          <span className="versions__button versions__button--quiet article-actions__disabled">← {T.prev}</span>
        )}
        {view.nextId !== null ? (
          <a className="versions__button versions__button--quiet" href={href('article', [view.nextId])} data-testid="next-article" rel="next">
            {T.next} →
          </a>
        ) : (
          <span className="versions__button versions__button--quiet article-actions__disabled">{T.next} →</span>
        )}
      </div>
      <button
        type="button"
        className="versions__button"
        data-testid="copy-citation"
        onClick={() => copy(citationText(view))}
      >
        {copied === 'yes' ? T.copied : T.copyCitation}
      </button>
      {copied === 'no' && <span className="article-actions__note">{T.copyFailed}</span>}
      {compareOpen !== null && (
        <button type="button" className="versions__button" data-testid="compare-toggle" aria-expanded={compareOpen} onClick={onToggleCompare}>
          {compareOpen ? T.compareHide : T.compare}
        </button>
      )}
      {feedback && (
        <span className="article-actions__feedback" data-testid="article-feedback">
          {F.articleFromSearch(served.query)}
          <FeedbackMarks hit={{ ...view, rank }} />
        </span>
      )}
      <PinAction hit={{ ...view, rank }} />
    </div>
  );
}

/** A result's two feedback buttons: relevant / not relevant to the query the list answers (R / X on the selected result). */
import type { SearchHit } from '../../../../electron/contract/types';
import { useResultFeedbackContext } from '../../hooks/use-result-feedback';
import { FEEDBACK_STRINGS as T } from './feedback-strings';
import './feedback.css';

type Markable = Pick<SearchHit, 'articleId' | 'label' | 'law'> & { rank?: number };

export function FeedbackMarks({ hit }: { hit: Markable }) {
  const feedback = useResultFeedbackContext();
  if (!feedback) return null;
  const mark = feedback.markOf(hit);
  return (
    <span className="feedback-marks" role="group" aria-label={T.marksLabel} data-testid="feedback-marks" data-mark={mark ?? ''}>
      <button
        type="button"
        className={mark === 'relevant' ? 'feedback-mark feedback-mark--relevant feedback-mark--on' : 'feedback-mark feedback-mark--relevant'}
        aria-pressed={mark === 'relevant'}
        title={T.relevantTitle}
        data-testid="feedback-relevant"
        onClick={(e) => {
          e.stopPropagation();
          void feedback.mark(hit, 'relevant');
        }}
      >
        ✓ {T.relevant}
      </button>
      <button
        type="button"
        className={mark === 'not_relevant' ? 'feedback-mark feedback-mark--not feedback-mark--on' : 'feedback-mark feedback-mark--not'}
        aria-pressed={mark === 'not_relevant'}
        title={T.notRelevantTitle}
        data-testid="feedback-not-relevant"
        onClick={(e) => {
          e.stopPropagation();
          void feedback.mark(hit, 'not_relevant');
        }}
      >
        ✗ {T.notRelevant}
      </button>
    </span>
  );
}

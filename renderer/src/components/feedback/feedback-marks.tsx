/** A result's two feedback buttons: relevant / not relevant to the query the list answers (R / X on the selected result). */
import type { SearchHit } from '../../../../electron/contract/types';
import { useResultFeedbackContext, type ResultFeedback } from '../../hooks/use-result-feedback';
import { FEEDBACK_STRINGS as T } from './feedback-strings';
import './feedback.css';

type Markable = Pick<SearchHit, 'articleId' | 'label' | 'law'> & { rank?: number };

const BUTTONS = {
  relevant: { modifier: 'relevant', testId: 'feedback-relevant', label: () => `✓ ${T.relevant}`, title: () => T.relevantTitle },
  not_relevant: { modifier: 'not', testId: 'feedback-not-relevant', label: () => `✗ ${T.notRelevant}`, title: () => T.notRelevantTitle },
} as const;

function MarkButton({ feedback, hit, mark, on }: { feedback: ResultFeedback; hit: Markable; mark: keyof typeof BUTTONS; on: boolean }) {
  const b = BUTTONS[mark];
  return (
    <button
      type="button"
      className={`feedback-mark feedback-mark--${b.modifier}${on ? ' feedback-mark--on' : ''}`}
      aria-pressed={on}
      title={b.title()}
      data-testid={b.testId}
      onClick={(e) => {
        e.stopPropagation();
        void feedback.mark(hit, mark);
      }}
    >
      {b.label()}
    </button>
  );
}

export function FeedbackMarks({ hit }: { hit: Markable }) {
  const feedback = useResultFeedbackContext();
  if (!feedback) return null;
  const mark = feedback.markOf(hit);
  return (
    <span className="feedback-marks" role="group" aria-label={T.marksLabel} data-testid="feedback-marks" data-mark={mark ?? ''}>
      <MarkButton feedback={feedback} hit={hit} mark="relevant" on={mark === 'relevant'} />
      <MarkButton feedback={feedback} hit={hit} mark="not_relevant" on={mark === 'not_relevant'} />
    </span>
  );
}

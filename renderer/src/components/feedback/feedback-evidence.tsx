/**
 * A version trained from feedback, on the models page: what it was trained on, the served and the
 * new reranker side by side on STARD validation, the lawyer set and held-out feedback, and — when
 * STARD or lawyer RR@10 dropped by more than 0.01 — a warning; such a version is activated only
 * after the lawyer ticks that they have read it.
 */
import type { BackboneVersion } from '../../../../electron/contract/types';
import type { FeedbackVersionEvidence } from '../../../../electron/contract/feedback-types';
import { FEEDBACK_STRINGS as T } from './feedback-strings';

export function feedbackEvidence(v: BackboneVersion): FeedbackVersionEvidence | null {
  return (v.evidence as { source?: string }).source === 'feedback' ? (v.evidence as unknown as FeedbackVersionEvidence) : null;
}

const SETS = ['stard', 'lawyer', 'feedback'] as const;
const MEASURES = ['RR@10', 'nDCG@10', 'R@10', 'R@60'] as const;

export function FeedbackEvidenceTable({ evidence: e }: { evidence: FeedbackVersionEvidence }) {
  return (
    <div className="feedback-evidence" data-testid="feedback-evidence" data-flagged={e.flagged}>
      <p>{T.evidenceLine(e.feedback.items, e.feedback.trained, e.feedback.heldOut, e.servedReranker)}</p>
      <table>
        <thead>
          <tr>
            <th />
            {MEASURES.map((m) => (
              <th key={m} colSpan={2}>
                {m}
              </th>
            ))}
          </tr>
          <tr>
            <th />
            {MEASURES.map((m) => [<th key={`${m}s`}>{T.served}</th>, <th key={`${m}t`}>{T.trainedCol}</th>])}
          </tr>
        </thead>
        <tbody>
          {SETS.map((set) => (
            <tr key={set} data-testid={`feedback-evidence-${set}`}>
              <th>
                {T.sets[set]} ({e.measures[set].queries})
              </th>
              {MEASURES.map((m) => [
                <td key={`${m}s`} className="num">{e.measures[set].served[m]?.toFixed(3) ?? '—'}</td>,
                <td key={`${m}t`} className="num">{e.measures[set].trained[m]?.toFixed(3) ?? '—'}</td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
      {e.bestEpoch === 0 && (
        <p data-testid="feedback-evidence-unchanged">{T.unchanged}</p>
      )}
      {e.flagged && (
        <p className="feedback-error" role="alert" data-testid="feedback-evidence-flag">
          {T.flagged(e.worstDrop)}
        </p>
      )}
    </div>
  );
}

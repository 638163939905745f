/**
 * Under a result list: "nothing here answers it" for the whole list; once said, a citation box to
 * name the article that should have been found (a failure case curated on the spot).
 */
import { useState, type FormEvent } from 'react';
import { errorText } from '../../api/api-error';
import { useResultFeedbackContext } from '../../hooks/use-result-feedback';
import { FEEDBACK_STRINGS as T } from './feedback-strings';

export function NothingHere({ shown }: { shown: number[] }) {
  const feedback = useResultFeedbackContext();
  const [citation, setCitation] = useState('');
  const [busy, setBusy] = useState(false);
  if (!feedback) return null;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!citation.trim()) return;
    setBusy(true);
    if (await feedback.addArticle(citation.trim())) setCitation('');
    setBusy(false);
  };

  return (
    <div className="nothing-here" data-testid="nothing-here" data-said={feedback.nothingHere !== null}>
      {!feedback.nothingHere ? (
        <button type="button" className="versions__button versions__button--quiet" data-testid="nothing-here-button" onClick={() => void feedback.sayNothingHere(shown)}>
          {T.nothingHere}
        </button>
      ) : (
        <p className="nothing-here__said" role="status" data-testid="nothing-here-said">
          {T.nothingHereSaid}
        </p>
      )}
      {(feedback.nothingHere || feedback.added.length > 0) && (
        <form className="nothing-here__form" onSubmit={add} data-testid="add-article-form">
          <label>
            <span>{T.addArticleLabel}</span>
            <input data-testid="add-article-citation" value={citation} placeholder={T.addArticlePlaceholder} onChange={(e) => setCitation(e.target.value)} />
          </label>
          <button type="submit" className="versions__button" data-testid="add-article" disabled={busy || !citation.trim()}>
            {T.addArticle}
          </button>
        </form>
      )}
      {feedback.added.length > 0 && (
        <p className="nothing-here__added" data-testid="added-articles">
          {T.addedArticles}
          {feedback.added.map((i) => i.article!.citation).join('；')}
        </p>
      )}
      {feedback.error && (
        <p className="feedback-error" role="alert" data-testid="feedback-error" data-code={feedback.error.code}>
          {T.failed}
          {errorText(feedback.error)}
        </p>
      )}
    </div>
  );
}

/**
 * Judging one A/B session blind: the question, the two result lists side by side (left / right,
 * sides set at random when the session was prepared, no version names), and 左侧更好 / 一样好 /
 * 右侧更好 (keys ← ↓ →; ↑ goes back a question). Each verdict is saved at once; the screen opens
 * at the first question without one, so a session resumes where it was left. When every question
 * has a verdict, the tally reveals which side was which version.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { AbArticle, AbItemView, AbSessionView, AbVerdict } from '../../../../electron/contract/ab-types';
import { type ApiError, asApiError, errorText } from '../../api/api-error';
import { href } from '../../hooks/use-route';
import { AbTallyView } from './ab-tally';
import { EVAL_STRINGS as T } from './eval-strings';

function ResultList({ side, articles }: { side: 'left' | 'right'; articles: AbArticle[] }) {
  return (
    <section className="ab-side" data-testid={`ab-${side}`} aria-label={side === 'left' ? T.left : T.right}>
      <h4 className="ab-side__title">{side === 'left' ? T.left : T.right}</h4>
      <ol className="ab-side__list">
        {articles.map((a, i) => (
          <li key={`${a.articleId}-${i}`} className="ab-article" data-testid="ab-article" data-article-id={a.articleId}>
            <span className="ab-article__rank">{i + 1}</span>
            {a.found ? (
              <div className="ab-article__body">
                <p className="ab-article__cite">
                  <a href={href('article', [a.articleId])} target="_blank" rel="noreferrer" data-testid="ab-article-citation">{`${a.shortTitle} ${a.label}`}</a>
                  {a.path.length > 0 && <span className="ab-article__path">{a.path.join(' › ')}</span>}
                </p>
                <p className="ab-article__text">{a.excerpt}</p>
              </div>
            ) : (
              <p className="ab-article__missing">{T.missingArticle}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const VERDICT_KEYS: Record<string, AbVerdict> = { ArrowLeft: 'left', ArrowDown: 'tie', ArrowRight: 'right' };

function firstOpen(items: AbItemView[]): number {
  const i = items.findIndex((it) => it.verdict === null);
  return i === -1 ? items.length : i;
}

export function AbJudge({ api, id }: { api: Api; id: string }) {
  const [view, setView] = useState<AbSessionView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  /** The question shown; items.length = the tally. */
  const [index, setIndex] = useState(0);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    setView(null);
    api.abSession({ id }).then((v) => {
      if (!live) return;
      setView(v);
      setIndex(firstOpen(v.items));
    }, (e: unknown) => live && setError(asApiError(e)));
    return () => {
      live = false;
    };
  }, [api, id]);

  const judge = useCallback(async (verdict: AbVerdict) => {
    if (!view || index >= view.items.length || saving) return;
    setSaving(true);
    try {
      const saved = await api.judgeAb({ id, itemIndex: index, verdict });
      const items = view.items.map((it) => (it.index === saved.index ? saved : it));
      setView({ ...view, items, summary: { ...view.summary, judged: items.filter((it) => it.verdict !== null).length } });
      setSaveError(null);
      // On to the next question without a verdict after this one (else any), else the tally.
      const after = items.findIndex((it, i) => i > index && it.verdict === null);
      setIndex(after !== -1 ? after : firstOpen(items));
    } catch (e) {
      setSaveError(asApiError(e));
    } finally {
      setSaving(false);
    }
  }, [api, id, index, saving, view]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.target as HTMLElement | null)?.closest('input, textarea, select')) return;
      if (e.key in VERDICT_KEYS && view && index < view.items.length) {
        e.preventDefault();
        void judge(VERDICT_KEYS[e.key]!);
      } else if (e.key === 'ArrowUp' && index > 0) {
        e.preventDefault();
        setIndex(index - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [judge, index, view]);

  const back = <a className="ab-back" href={href('eval', ['ab'])} data-testid="ab-back">← {T.back}</a>;
  if (error) {
    return (
      <div className="ab-judge">
        {back}
        <div className="error-banner" role="alert" data-testid="ab-judge-error" data-code={error.code}>
          <strong>{T.judgeFailed}</strong>
          <span>{errorText(error)}</span>
        </div>
      </div>
    );
  }
  if (!view) return <p className="notice">{T.judgeLoading}</p>;

  const { items, summary } = view;
  const judged = items.filter((it) => it.verdict !== null).length;
  if (index >= items.length) {
    return (
      <div className="ab-judge">
        {back}
        <AbTallyView api={api} id={id} judged={judged} onChange={items.length > 0 ? () => setIndex(0) : undefined} />
        {items.length === 0 && <p className="versions__hint" data-testid="ab-no-items">{T.noItems}</p>}
      </div>
    );
  }

  const item = items[index]!;
  const button = (verdict: AbVerdict, label: string, key: string) => (
    <button type="button" className={item.verdict === verdict ? 'ab-button ab-button--chosen' : 'ab-button'} aria-pressed={item.verdict === verdict}
      disabled={saving} onClick={() => void judge(verdict)} data-testid={`ab-verdict-${verdict}`}>
      <kbd aria-hidden="true">{key}</kbd> {label}
    </button>
  );
  return (
    <div className="ab-judge" data-testid="ab-judge" data-index={index} data-judged={judged}>
      <div className="ab-judge__top">
        {back}
        <span className="ab-judge__count" data-testid="ab-question-of">{T.questionOf(index + 1, items.length)}</span>
        <progress className="import__bar ab-judge__bar" max={items.length} value={judged} aria-label={T.judgedOf(judged, items.length)} />
        <span className="ab-judge__judged" data-testid="ab-judged-of">{T.judgedOf(judged, items.length)}</span>
      </div>
      <div className="ab-judge__query">
        <span className="ab-judge__query-label">{T.query}</span>
        <strong data-testid="ab-query">{item.query}</strong>
      </div>
      <div className="ab-judge__sides">
        <ResultList side="left" articles={item.left} />
        <ResultList side="right" articles={item.right} />
      </div>
      <div className="ab-judge__bar-bottom">
        <button type="button" className="ab-button ab-button--quiet" disabled={index === 0} onClick={() => setIndex(index - 1)} data-testid="ab-prev">
          ↑ {T.prev}
        </button>
        <div className="ab-judge__verdicts" role="group" aria-label={T.yourVerdict}>
          {button('left', T.leftBetter, '←')}
          {button('tie', T.tie, '↓')}
          {button('right', T.rightBetter, '→')}
        </div>
        <button type="button" className="ab-button ab-button--quiet" disabled={item.verdict === null} onClick={() => setIndex(index + 1)} data-testid="ab-next">
          {judged === items.length && index === items.length - 1 ? T.showTally : T.next}
        </button>
      </div>
      <p className="ab-judge__hint">{T.keysHint}</p>
      {summary.identical > 0 && <p className="ab-judge__hint">{T.identicalNote(summary.identical)}</p>}
      {saveError && (
        <div className="error-banner" role="alert" data-testid="ab-save-error" data-code={saveError.code}>
          <strong>{T.saveFailed}</strong>
          <span>{errorText(saveError)}</span>
        </div>
      )}
    </div>
  );
}

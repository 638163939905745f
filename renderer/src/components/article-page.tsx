/**
 * The article in context (#/article/<id>): the law's head (title, validity, history, versions),
 * a sticky table of contents beside the whole text, the article asked for scrolled into view and
 * highlighted, with its actions, the provisions that cite it and — on request — its comparison
 * across versions.
 */
import { useLayoutEffect, useMemo, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import { useLang } from '../hooks/use-lang';
import { useLawPage } from '../hooks/use-law-page';
import { href } from '../hooks/use-route';
import { ArticleActions } from './article-actions';
import { ArticleCitedBy } from './article-cited-by';
import { ArticleCompare } from './article-compare';
import { ArticleHeader } from './article-header';
import { ARTICLE_STRINGS as T } from './article-strings';
import { ArticleToc } from './article-toc';
import { articleDomId, headingOf, LawText } from './law-text';
import './article-page.css';
import { errorText } from '../api/api-error';
import { SearchQueryContext, type ServedSearch } from '../hooks/search-query-context';
import { openedFrom, ResultFeedbackContext, useResultFeedback } from '../hooks/use-result-feedback';

function Failure({ code, message }: { code: string; message: string }) {
  return (
    <div className="error-banner article-page__error" role="alert" data-testid="article-error" data-code={code}>
      <strong>{T.failed}</strong>
      <span data-testid="article-error-message">{message}</span>
      <a href={href('search')}>{T.backToSearch}</a>
    </div>
  );
}

function ArticleContent({ api, articleId: requested }: { api: Api; articleId: number }) {
  const { view, doc, versions, comparison, error } = useLawPage(api, requested);
  const lang = useLang();
  // The article shown: the one asked for once it has arrived (until then, the previous one).
  const articleId = view?.articleId ?? requested;
  const [compareOpen, setCompareOpen] = useState(false);
  const docHere = doc && view && doc.law.id === view.law.id && doc.articles.some((a) => a.id === articleId) ? doc : null;
  const initialHeading = useMemo(() => (docHere ? headingOf(docHere, articleId) : null), [docHere, articleId]);
  // Opened from a result list: the page offers that search's marks for this article.
  const from = openedFrom(articleId);
  const served = useMemo<ServedSearch | null>(() => (from ? { ...from.served, source: 'article' } : null), [from]);
  const feedback = useResultFeedback(api, served);

  // The article asked for comes into view once its law is on screen, and again on each move.
  useLayoutEffect(() => {
    if (docHere) document.getElementById(articleDomId(articleId))?.scrollIntoView({ block: 'start' });
  }, [docHere, articleId]);

  if (error && !view) return <Failure code={error.code} message={errorText(error)} />;
  if (!view) return <p className="notice" data-testid="article-loading">{T.loading}</p>;

  const multiVersion = (versions?.length ?? comparison?.versions.length ?? 1) > 1;
  const extra = (
    <>
      <SearchQueryContext.Provider value={served ?? { query: '', preset: null, source: 'article' }}>
        <ResultFeedbackContext.Provider value={served ? feedback : null}>
          <ArticleActions view={view} rank={from?.rank} compareOpen={multiVersion ? compareOpen : null} onToggleCompare={() => setCompareOpen((o) => !o)} />
        </ResultFeedbackContext.Provider>
      </SearchQueryContext.Provider>
      {multiVersion && compareOpen && comparison && comparison.articleId === articleId && <ArticleCompare api={api} comparison={comparison} />}
      <ArticleCitedBy key={view.articleId} citedBy={view.citedBy} />
    </>
  );

  return (
    <div className="article-page" data-testid="article-page" data-article-id={articleId} data-law-id={view.law.id}>
      <ArticleHeader law={docHere?.law ?? view.law} label={view.label} versions={versions} comparison={comparison} />
      {error && <Failure code={error.code} message={errorText(error)} />}
      {!docHere ? (
        <p className="notice" data-testid="article-loading">{T.loadingLaw}</p>
      ) : (
        <div className="article-page__body">
          <aside className="article-page__aside">
            <ArticleToc law={docHere.law} toc={docHere.toc} initial={initialHeading} />
          </aside>
          <LawText doc={docHere} lang={lang} activeId={articleId} activeExtra={extra} />
        </div>
      )}
    </div>
  );
}

export function ArticlePage({ api, param }: { api: Api; param: string | undefined }) {
  const id = Number(param);
  if (!param || !Number.isSafeInteger(id) || id <= 0) return <Failure code="INVALID_REQUEST" message={T.badLink} />;
  return <ArticleContent api={api} articleId={id} />;
}

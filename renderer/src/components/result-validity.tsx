/**
 * A result's validity badge: in force, or superseded — then "superseded by the version of …",
 * linked to the same article in the version in force when the library has it. In an as-of search
 * the badge tells the validity on that day ("2010-01-01 时有效") and whether a later version has
 * replaced it since.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ArticleView, SearchHit } from '../../../electron/contract/types';
import { href } from '../hooks/use-route';
import { STRINGS } from '../strings';
import { SEARCH_STRINGS as S } from './search-strings';

/** The same article (by label) in the law's version in force, or null when it has none. */
function useLaterArticle(api: Api, hit: SearchHit): ArticleView | null {
  const [later, setLater] = useState<ArticleView | null>(null);
  const superseded = hit.law.status === 'superseded' && hit.law.supersededBy !== null;
  useEffect(() => {
    if (!superseded) return;
    const controller = new AbortController();
    api.article({ citation: `《${hit.law.title}》${hit.label}` }, { signal: controller.signal }).then(
      (view) => setLater(view.law.id !== hit.law.id ? view : null),
      () => setLater(null),
    );
    return () => controller.abort();
  }, [api, superseded, hit.law.title, hit.law.id, hit.label]);
  return later;
}

export function ResultValidity({ api, hit, asOf = null }: { api: Api; hit: SearchHit; asOf?: string | null }) {
  const later = useLaterArticle(api, hit);
  if (asOf) {
    // An as-of search returns only the versions in force on that day: say so, and whether a later version replaced it since.
    return (
      <>
        <span className="badge badge--current" data-testid="result-status" data-status="in-force-on">
          {S.inForceOn(asOf)}
        </span>
        {hit.law.status === 'superseded' &&
          (later ? (
            <a className="result__later" href={href('article', [later.articleId])} data-testid="result-superseded-by" data-article-id={later.articleId}>
              {S.laterSuperseded(later.law.versionDate)}
            </a>
          ) : (
            <span className="result__later result__later--plain">{S.laterSuperseded(null)}</span>
          ))}
      </>
    );
  }
  if (hit.law.status === 'current') {
    return (
      <span className="badge badge--current" data-testid="result-status" data-status="current">
        {STRINGS.statusCurrent}
      </span>
    );
  }
  return (
    <>
      <span className="badge badge--superseded" data-testid="result-status" data-status="superseded">
        {STRINGS.statusSuperseded}
      </span>
      {later ? (
        <a className="result__later" href={href('article', [later.articleId])} data-testid="result-superseded-by" data-article-id={later.articleId}>
          {S.supersededBy(later.law.versionDate)}
        </a>
      ) : (
        <span className="result__later result__later--plain">{S.supersededNoLink}</span>
      )}
    </>
  );
}

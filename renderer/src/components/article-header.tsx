/**
 * The head of the article page: the law's title, category, version date and validity badge, its
 * history lines (制定、修正), a notice on a superseded version that links to the same article in
 * the version in force, and the list of the law's dated versions (each opens the same article).
 */
import type { ArticleComparison, LawHeader, LawVersion } from '../../../electron/contract/law-types';
import { href } from '../hooks/use-route';
import { STRINGS } from '../strings';
import { ARTICLE_STRINGS as T } from './article-strings';

/** Where a version opens: the same article there, else the version's first article. */
function targetIn(version: LawVersion, comparison: ArticleComparison | null): number | null {
  const same = comparison?.versions.find((v) => v.law.id === version.id)?.article?.id;
  return same ?? version.firstArticleId;
}

interface Props {
  law: LawHeader;
  label: string;
  versions: LawVersion[] | null;
  comparison: ArticleComparison | null;
}

export function ArticleHeader({ law, label, versions, comparison }: Props) {
  const current = law.status === 'current';
  const inForce = versions?.find((v) => v.status === 'current') ?? null;
  const inForceTarget = inForce ? targetIn(inForce, comparison) : null;
  const inForceArticle = inForce ? comparison?.versions.find((v) => v.law.id === inForce.id)?.article : null;

  return (
    <header className="law-head" data-testid="law-head">
      <nav className="law-head__crumbs">
        <a href={href('search')}>{T.breadcrumbSearch}</a>
        <span aria-hidden="true">›</span>
        <span>{law.category}</span>
      </nav>
      <h2 className="law-head__title" data-testid="law-title">
        {law.title}
      </h2>
      <p className="law-head__meta">
        <span className={current ? 'badge badge--current' : 'badge badge--superseded'} data-testid="law-status" data-status={law.status}>
          {current ? STRINGS.statusCurrent : STRINGS.statusSuperseded}
        </span>
        <span data-testid="law-version">{T.versionOf(law.versionDate ?? T.undated)}</span>
        <span className="law-head__dot" aria-hidden="true">·</span>
        <span>{T.articleCount(law.articleCount)}</span>
      </p>

      {!current && (
        <div className="law-head__superseded" role="note" data-testid="superseded-notice">
          <span>{T.supersededNotice(law.versionDate ?? T.undated)}</span>
          {inForce && inForceTarget !== null && (
            <a href={href('article', [inForceTarget])} data-testid="current-version-link">
              {inForceArticle ? T.supersededLink(inForce.versionDate ?? T.undated, inForceArticle.label) : T.supersededLinkLaw(inForce.versionDate ?? T.undated)} →
            </a>
          )}
        </div>
      )}

      <div className="law-head__facts">
        {law.history.length > 0 && (
          <section className="law-head__history" aria-label={T.history}>
            <h3>{T.history}</h3>
            <ol data-testid="law-history">
              {law.history.map((line, i) => (
                <li key={i} data-testid="history-line">
                  {line}
                </li>
              ))}
            </ol>
          </section>
        )}
        {versions && versions.length > 0 && (
          <section className="law-head__versions" aria-label={T.versionsLabel}>
            <h3>{T.versions}</h3>
            <ol className="versions-list" data-testid="versions-list">
              {versions.map((v) => {
                const viewing = v.id === law.id;
                const target = targetIn(v, comparison);
                const there = comparison?.versions.find((c) => c.law.id === v.id);
                const lacks = comparison && !there?.article;
                const renumbered = there?.article && there.article.label !== label ? there.article.label : null;
                const body = (
                  <>
                    <span className="versions-list__date">{v.versionDate ?? T.undated}</span>
                    <span className={v.status === 'current' ? 'badge badge--current' : 'badge badge--superseded'}>
                      {v.status === 'current' ? STRINGS.statusCurrent : STRINGS.statusSuperseded}
                    </span>
                    <span className="versions-list__count">
                      {T.articleCount(v.articleCount)}
                      {lacks ? ` · ${T.versionLacks(label)}` : renumbered ? ` · ${T.renumberedShort(renumbered)}` : ''}
                    </span>
                  </>
                );
                return (
                  <li key={v.id} data-testid="version-item" data-law-id={v.id} data-date={v.versionDate ?? ''} data-viewing={viewing}>
                    {viewing || target === null ? (
                      <span className="versions-list__entry versions-list__entry--viewing" aria-current="true" title={T.versionViewing}>
                        {body}
                      </span>
                    ) : (
                      <a className="versions-list__entry" href={href('article', [target])} data-testid="version-link">
                        {body}
                      </a>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        )}
      </div>
    </header>
  );
}

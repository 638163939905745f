/**
 * The whole law, rendered once: headings where the heading path changes, then each article with
 * its cross-references as links (unresolved ones plain). Every article is a memoised component,
 * so moving to another article re-renders just the two whose `active` changed; scrolling renders
 * nothing (the table of contents follows the scroll on its own).
 */
import { memo, type ReactNode } from 'react';
import type { LawArticle, LawDocument } from '../../../electron/contract/law-types';
import type { Lang } from '../i18n/lang';
import { href } from '../hooks/use-route';
import { ARTICLE_STRINGS as T } from './article-strings';

/** The DOM id of an article, and of a heading (its first article and depth). */
export const articleDomId = (id: number): string => `law-article-${id}`;
export const headingDomId = (firstArticleId: number, depth: number): string => `law-heading-${firstArticleId}-${depth}`;

/** The article's text as paragraphs (one per line), its links cut out as anchors. */
function Paragraphs({ article }: { article: LawArticle }) {
  const paragraphs: ReactNode[] = [];
  const text = article.text;
  const re = /[^\n]+/g;
  for (let m = re.exec(text), n = 0; m; m = re.exec(text), n++) {
    const start = m.index;
    const end = start + m[0].length;
    const parts: ReactNode[] = [];
    let at = start;
    for (const link of article.links) {
      if (link.start < start || link.end > end) continue;
      if (link.start > at) parts.push(text.slice(at, link.start));
      const shown = text.slice(link.start, link.end);
      parts.push(
        link.articleId !== null ? (
          <a key={link.start} className="xref" href={href('article', [link.articleId])} data-testid="xref" data-target={link.articleId} title={T.xrefTitle(link.citation ?? shown)}>
            {shown}
          </a>
        ) : (
          <span key={link.start} className="xref xref--unresolved" data-testid="xref-unresolved" title={T.unresolvedRef}>
            {shown}
          </span>
        ),
      );
      at = link.end;
    }
    if (at < end) parts.push(text.slice(at, end));
    paragraphs.push(
      <p key={n} className={n === 0 ? 'law-article__para law-article__para--first' : 'law-article__para'}>
        {n === 0 && <span className="law-article__label">{article.label}</span>}
        {parts}
      </p>,
    );
  }
  if (paragraphs.length === 0) paragraphs.push(<p key={0} className="law-article__para"><span className="law-article__label">{article.label}</span></p>);
  return <>{paragraphs}</>;
}

interface ArticleProps {
  article: LawArticle;
  /** The UI language: link titles are localised, so a switch re-renders every article once. */
  lang: Lang;
  active: boolean;
  /** Shown under the active article only (actions, comparison). */
  extra: ReactNode;
}

const ArticleBlock = memo(function ArticleBlock({ article, active, extra }: ArticleProps) {
  // `lang` is a prop only so that memo re-renders on a language switch.
  return (
    <section
      id={articleDomId(article.id)}
      className={active ? 'law-article law-article--active' : 'law-article'}
      data-testid="law-article"
      data-article-id={article.id}
      data-label={article.label}
      data-active={active}
      aria-current={active ? 'true' : undefined}
    >
      <Paragraphs article={article} />
      {active && extra}
    </section>
  );
});

const HEADING_TAGS = ['h3', 'h4', 'h5', 'h6'] as const;

interface Props {
  doc: LawDocument;
  lang: Lang;
  activeId: number;
  activeExtra: ReactNode;
}

export function LawText({ doc, lang, activeId, activeExtra }: Props) {
  const out: ReactNode[] = [];
  let previous: readonly string[] = [];
  for (const a of doc.articles) {
    // Headings that start here: from the first level where the path differs from the previous article's.
    let same = 0;
    while (same < a.path.length && same < previous.length && a.path[same] === previous[same]) same++;
    for (let d = same; d < a.path.length; d++) {
      const Tag = HEADING_TAGS[Math.min(d, HEADING_TAGS.length - 1)]!;
      out.push(
        <Tag key={`h-${a.id}-${d}`} id={headingDomId(a.id, d)} className={`law-heading law-heading--${Math.min(d, 3)}`} data-testid="law-heading" data-depth={d}>
          {a.path[d]}
        </Tag>,
      );
    }
    previous = a.path;
    const active = a.id === activeId;
    out.push(<ArticleBlock key={a.id} article={a} lang={lang} active={active} extra={active ? activeExtra : null} />);
  }
  return (
    <div className="law-text" data-testid="law-text" data-law-id={doc.law.id}>
      {out}
    </div>
  );
}

/** The DOM id of the innermost heading above an article (null when it has none). */
export function headingOf(doc: LawDocument, articleId: number): string | null {
  const starts: number[] = [];
  let previous: readonly string[] = [];
  for (const a of doc.articles) {
    let same = 0;
    while (same < a.path.length && same < previous.length && a.path[same] === previous[same]) same++;
    starts.length = a.path.length;
    for (let d = same; d < a.path.length; d++) starts[d] = a.id;
    previous = a.path;
    if (a.id === articleId) return a.path.length ? headingDomId(starts[a.path.length - 1]!, a.path.length - 1) : null;
  }
  return null;
}

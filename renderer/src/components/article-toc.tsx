/**
 * The law's table of contents beside the text, sticky: a click jumps to the heading, and the
 * chapter (or section) being read is marked as the page scrolls. Only this component follows the
 * scroll: a passive listener, at most once per frame, reads the headings' positions and re-renders
 * the list only when the current entry changes. A long law (民法典) shows its sections only under
 * the current chapter.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TocEntry } from '../../../electron/contract/law-types';
import type { LawSummary } from '../../../electron/contract/types';
import { STRINGS } from '../strings';
import { ARTICLE_STRINGS as T } from './article-strings';
import { headingDomId } from './law-text';

const keyOf = (e: TocEntry): string => headingDomId(e.firstArticleId, e.depth);
/** The line below which a heading counts as not yet reached (px from the top of the window). */
const READING_LINE = 96;
/** Above this many entries, deeper levels are shown only under the current entry. */
const FOLD_OVER = 40;

function flatten(entries: readonly TocEntry[], parent: string | null, out: { entry: TocEntry; parent: string | null }[] = []) {
  for (const e of entries) {
    out.push({ entry: e, parent });
    flatten(e.children, keyOf(e), out);
  }
  return out;
}

/** The key of the innermost heading above the reading line (above the first one: the first). */
function currentHeading(keys: readonly string[]): string | null {
  let current: string | null = keys[0] ?? null;
  for (const key of keys) {
    const el = document.getElementById(key);
    if (!el) continue;
    if (el.getBoundingClientRect().top <= READING_LINE) current = key;
    else break;
  }
  return current;
}

interface Props {
  /** The law and its version, kept in sight above the contents once the page head has scrolled away. */
  law: LawSummary;
  toc: readonly TocEntry[];
  /** The heading of the article opened, marked until the reader scrolls. */
  initial: string | null;
}

export function ArticleToc({ law, toc, initial }: Props) {
  const flat = useMemo(() => flatten(toc, null), [toc]);
  const keys = useMemo(() => flat.map((f) => keyOf(f.entry)), [flat]);
  const parents = useMemo(() => new Map(flat.map((f) => [keyOf(f.entry), f.parent])), [flat]);
  const [current, setCurrent] = useState<string | null>(initial);
  const list = useRef<HTMLDivElement>(null);
  const jumpedAt = useRef(-Infinity);

  useEffect(() => setCurrent(initial), [initial]);

  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        // Right after a click the clicked entry stays marked, even where the page cannot scroll
        // far enough to bring its heading up to the reading line (the last chapter).
        if (performance.now() < jumpedAt.current + 400) return;
        setCurrent((prev) => currentHeading(keys) ?? prev);
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [keys]);

  // Keep the current entry visible inside the (separately scrolling) list.
  useEffect(() => {
    const box = list.current;
    const item = current ? box?.querySelector<HTMLElement>(`[data-key="${current}"]`) : null;
    if (!box || !item) return;
    if (item.offsetTop < box.scrollTop || item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, item.offsetTop - box.clientHeight / 3);
    }
  }, [current]);

  const trail = new Set<string>();
  for (let k = current; k; k = parents.get(k) ?? null) trail.add(k);
  const fold = flat.length > FOLD_OVER;

  const jump = (e: TocEntry) => {
    jumpedAt.current = performance.now();
    document.getElementById(keyOf(e))?.scrollIntoView({ block: 'start' });
    setCurrent(keyOf(e));
  };

  const render = (entries: readonly TocEntry[]) => (
    <ol className="toc__list">
      {entries.map((e) => {
        const key = keyOf(e);
        const isCurrent = key === current;
        const open = !fold || e.depth === 0 || trail.has(key);
        return (
          <li key={key} className={`toc__item toc__item--${Math.min(e.depth, 2)}`}>
            <button
              type="button"
              data-key={key}
              data-testid="toc-entry"
              data-current={isCurrent}
              className={isCurrent ? 'toc__link toc__link--current' : trail.has(key) ? 'toc__link toc__link--trail' : 'toc__link'}
              aria-current={isCurrent ? 'location' : undefined}
              onClick={() => jump(e)}
            >
              <span className="toc__heading">{e.heading}</span>
              <span className="toc__count">{e.articleCount}</span>
            </button>
            {e.children.length > 0 && open && render(e.children)}
          </li>
        );
      })}
    </ol>
  );

  return (
    <nav className="toc" aria-label={T.tocLabel} data-testid="toc">
      <p className="toc__law" data-testid="toc-law">
        <span className="toc__law-title">{law.shortTitle}</span>
        <span className="toc__law-version">{law.versionDate ?? T.undated}</span>
        <span className={law.status === 'current' ? 'badge badge--current' : 'badge badge--superseded'}>
          {law.status === 'current' ? STRINGS.statusCurrent : STRINGS.statusSuperseded}
        </span>
      </p>
      {toc.length > 0 && <p className="toc__title">{T.toc}</p>}
      {toc.length > 0 && (
        <div className="toc__scroll" ref={list}>
          {render(toc)}
        </div>
      )}
    </nav>
  );
}

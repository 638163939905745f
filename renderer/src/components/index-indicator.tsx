/**
 * The header's small indexing indicator: while the semantic index is built in the background
 * (after the first import, or after a model change), a thin bar with the share done; a short
 * "ready" note when it finishes; nothing otherwise. It links to the models & index page.
 */
import { useEffect, useRef, useState } from 'react';
import { percent } from '../format';
import { href } from '../hooks/use-route';
import type { IndexProgressView } from '../hooks/use-index-progress';
import { indexPhaseLabel } from './first-run-screen';
import { SHELL_STRINGS as S } from './shell-strings';
import './shell.css';

/** How long "ready" stays after a build finishes. */
const READY_NOTE_MS = 6000;

export function IndexIndicator({ index }: { index: IndexProgressView }) {
  const wasBuilding = useRef(false);
  const [justReady, setJustReady] = useState(false);

  useEffect(() => {
    if (index.state === 'building') {
      wasBuilding.current = true;
      setJustReady(false);
      return;
    }
    if (index.state === 'ready' && wasBuilding.current) {
      wasBuilding.current = false;
      setJustReady(true);
      const timer = setTimeout(() => setJustReady(false), READY_NOTE_MS);
      return () => clearTimeout(timer);
    }
  }, [index.state]);

  if (index.state === 'building') {
    const p = index.progress;
    const pct = p ? percent(p.done, p.total) : null;
    return (
      <a className="index-indicator" href={href('models')} title={S.indexTitle} data-testid="index-indicator" data-state="building">
        <span className="index-indicator__label">{S.indexBuilding}</span>
        <progress
          className="index-indicator__bar"
          aria-label={S.indexProgressLabel}
          max={p && p.total > 0 ? p.total : undefined}
          value={p && p.total > 0 ? Math.min(p.done, p.total) : undefined}
        />
        {pct !== null && <span className="index-indicator__pct" data-testid="index-indicator-percent">{pct}%</span>}
        {p && <span className="visually-hidden">{`${indexPhaseLabel(p.phase)} ${S.indexCounts(p.done, p.total)}`}</span>}
      </a>
    );
  }
  if (justReady) {
    return (
      <a className="index-indicator index-indicator--ready" href={href('models')} data-testid="index-indicator" data-state="ready">
        <span aria-hidden="true">✓</span> {S.indexReady}
      </a>
    );
  }
  return null;
}

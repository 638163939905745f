/**
 * Keyboard over the results: ArrowUp/ArrowDown move a visible selection (scrolled into view),
 * Enter opens the selected article, `c` copies its citation, `r` / `x` mark it relevant / not
 * relevant to the query (again: the mark is taken back). Keys typed into an input, a select
 * or an editable element are never taken; nor are keys with Ctrl/Meta/Alt.
 */
import { useEffect, useRef } from 'react';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Elements whose own Enter (follow, press, toggle) must not be replaced by "open the selected article". */
function isActionTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('a, button, summary');
}

export interface ResultKeyHandlers {
  count: number;
  selected: number;
  select: (index: number) => void;
  open: (index: number) => void;
  copy: (index: number) => void;
  mark?: (index: number, mark: 'relevant' | 'not_relevant') => void;
}

export function useResultKeys(h: ResultKeyHandlers): void {
  const latest = useRef(h);
  latest.current = h;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { count, selected, select, open, copy, mark } = latest.current;
      if (count === 0 || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        select(selected < 0 ? (step > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, selected + step)));
      } else if (e.key === 'Enter' && selected >= 0 && !isActionTarget(e.target)) {
        e.preventDefault();
        open(selected);
      } else if ((e.key === 'c' || e.key === 'C') && selected >= 0) {
        e.preventDefault();
        copy(selected);
      } else if (mark && (e.key === 'r' || e.key === 'R' || e.key === 'x' || e.key === 'X') && selected >= 0) {
        e.preventDefault();
        mark(selected, e.key.toLowerCase() === 'r' ? 'relevant' : 'not_relevant');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

export { copyText } from '../clipboard';

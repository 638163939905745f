/**
 * An ARIA combobox listbox of law names under an input: ArrowDown/ArrowUp move the active option,
 * Enter picks it, Escape closes the list. The input keeps focus (aria-activedescendant).
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { LawSummary } from '../../../electron/contract/types';
import { categoryName, SEARCH_STRINGS as S } from './search-strings';

export interface Combobox {
  open: boolean;
  active: number;
  /** Props for the input. */
  inputProps: {
    role: 'combobox';
    'aria-expanded': boolean;
    'aria-controls': string;
    'aria-autocomplete': 'list';
    'aria-activedescendant': string | undefined;
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
    onBlur: () => void;
  };
  close: () => void;
}

/**
 * Combobox state over `items`. `onPick` gets the chosen law; `onEnter` is called for Enter with no
 * active option, `onArrowDownOut` for ArrowDown with nothing to suggest (leave the input for the
 * results). The list reopens whenever `items` change.
 */
export function useCombobox(
  id: string,
  items: LawSummary[],
  onPick: (law: LawSummary) => void,
  opts: { onEnter?: () => void; onArrowDownOut?: () => void } = {},
): Combobox {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => {
    setOpen(items.length > 0);
    setActive(-1);
  }, [items]);
  const shown = open && items.length > 0;
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length === 0) {
      if (opts.onArrowDownOut) {
        e.preventDefault();
        opts.onArrowDownOut();
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (shown ? (a + 1) % items.length : 0));
    } else if (e.key === 'ArrowUp' && shown) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Enter' && shown && active >= 0) {
      e.preventDefault();
      onPick(items[active]!);
      close();
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter') {
      close();
      opts.onEnter?.();
    }
  };
  return {
    open: shown,
    active,
    inputProps: {
      role: 'combobox',
      'aria-expanded': shown,
      'aria-controls': `${id}-list`,
      'aria-autocomplete': 'list',
      'aria-activedescendant': shown && active >= 0 ? `${id}-option-${active}` : undefined,
      onKeyDown,
      // Let a click on an option land first.
      onBlur: () => setTimeout(close, 120),
    },
    close,
  };
}

export function LawSuggestList({ id, items, box, onPick }: { id: string; items: LawSummary[]; box: Combobox; onPick: (law: LawSummary) => void }) {
  if (!box.open) return null;
  return (
    <ul className="law-suggest" id={`${id}-list`} role="listbox" aria-label={S.suggestionsLabel} data-testid={`${id}-suggestions`}>
      {items.map((law, i) => (
        <li
          key={law.id}
          id={`${id}-option-${i}`}
          role="option"
          aria-selected={i === box.active}
          className={i === box.active ? 'law-suggest__option law-suggest__option--active' : 'law-suggest__option'}
          data-testid="law-suggestion"
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(law);
            box.close();
          }}
        >
          <span className="law-suggest__title">{law.shortTitle}</span>
          <span className="law-suggest__meta">{S.suggestionMeta(categoryName(law.category), law.versionDate)}</span>
        </li>
      ))}
    </ul>
  );
}

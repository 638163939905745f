/**
 * The one box: a question, keywords or a citation. Enter (or the button) searches; `/` anywhere
 * else on the page focuses it. While its text starts like a law name, law names are suggested
 * (an ARIA combobox); picking one completes the name and keeps the rest of the text.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { LawSummary } from '../../../electron/contract/types';
import { lawNameAt, useLawSuggestions } from '../hooks/use-law-suggestions';
import { STRINGS } from '../strings';
import { isTypingTarget } from './search-keys';
import { LawSuggestList, useCombobox } from './search-law-suggest';

interface Props {
  api: Api;
  /** The query of the search shown (from the URL); the box follows it when it changes. */
  query: string;
  onSearch: (query: string) => void;
  busy: boolean;
  /** ArrowDown with no suggestions: move on to the results. */
  onArrowDownOut?: () => void;
}

export function SearchBox({ api, query, onSearch, busy, onArrowDownOut }: Props) {
  const [text, setText] = useState(query);
  const [typed, setTyped] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setText(query);
    setTyped(false);
  }, [query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Suggest only while the user is typing, not for a query restored from the URL.
  const lawPart = typed ? lawNameAt(text) : null;
  const found = useLawSuggestions(api, lawPart?.name ?? null);
  const items = useMemo(
    // Nothing to suggest once the name is complete (a citation being typed further).
    () => (found.some((l) => l.shortTitle === lawPart?.name) && /第/.test(text) ? [] : found),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the answer changes
    [found],
  );

  const pick = (law: LawSummary) => {
    if (!lawPart) return;
    const rest = text.slice(lawPart.end);
    setText(text.slice(0, lawPart.start) + law.shortTitle + rest);
    setTyped(false);
    input.current?.focus();
  };
  const box = useCombobox('search-law', items, pick, {
    onArrowDownOut: onArrowDownOut && (() => (input.current?.blur(), onArrowDownOut())),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    box.close();
    setTyped(false);
    onSearch(text);
  };

  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="search-input">
        {STRINGS.searchLabel}
      </label>
      <span className="search-box__field">
        <input
          id="search-input"
          ref={input}
          data-testid="search-input"
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setTyped(true);
          }}
          placeholder={STRINGS.searchPlaceholder}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          maxLength={500}
          {...box.inputProps}
        />
        <kbd className="shortcut-hint" title={STRINGS.searchShortcut}>
          /
        </kbd>
        <LawSuggestList id="search-law" items={items} box={box} onPick={pick} />
      </span>
      <button type="submit" data-testid="search-button" disabled={!text.trim()} aria-busy={busy}>
        {busy ? STRINGS.searching : STRINGS.searchButton}
      </button>
    </form>
  );
}

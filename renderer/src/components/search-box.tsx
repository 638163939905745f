/** The query input: Enter (or the button) searches, `/` anywhere else on the page focuses it. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { STRINGS } from '../strings';

interface Props {
  onSearch: (query: string) => void;
  busy: boolean;
  /** Set from outside (an example query); each new object replaces the text in the box. */
  preset?: { text: string };
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SearchBox({ onSearch, busy, preset }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (preset) setText(preset.text);
  }, [preset]);

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

  const submit = (e: FormEvent) => {
    e.preventDefault();
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
          onChange={(e) => setText(e.target.value)}
          placeholder={STRINGS.searchPlaceholder}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          maxLength={500}
        />
        <kbd className="shortcut-hint" title={STRINGS.searchShortcut}>
          /
        </kbd>
      </span>
      <button type="submit" disabled={busy || !text.trim()}>
        {busy ? STRINGS.searching : STRINGS.searchButton}
      </button>
    </form>
  );
}

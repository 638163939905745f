/** One pinned article in an open folder: citation, path, text, and its note, editable in place. */
import { useState, type FormEvent } from 'react';
import type { Pin } from '../../../electron/contract/folder-types';
import { STRINGS } from '../strings';

const EXCERPT_CHARS = 160;

function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

interface Props {
  pin: Pin;
  busy: boolean;
  onSaveNote: (pinId: number, note: string) => Promise<boolean>;
  onUnpin: (pinId: number) => void;
}

export function PinItem({ pin, busy, onSaveNote, onUnpin }: Props) {
  const [draft, setDraft] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (draft !== null && (await onSaveNote(pin.id, draft))) setDraft(null);
  };

  return (
    <li className="pin" data-testid="pin" data-pin-id={pin.id} data-article-id={pin.articleId ?? ''}>
      <div className="pin__head">
        <strong data-testid="pin-citation">{pin.citation}</strong>
        <button type="button" className="versions__button versions__button--quiet" data-testid="pin-unpin" disabled={busy} onClick={() => onUnpin(pin.id)}>
          {STRINGS.unpin}
        </button>
      </div>
      {pin.path.length > 0 && (
        <p className="result__path" data-testid="pin-path">
          {pin.path.join(' › ')}
        </p>
      )}
      <p className="pin__text" data-testid="pin-text">
        {excerpt(pin.text)}
      </p>
      {draft === null ? (
        <p className="pin__note">
          <span className="pin__note-label">{STRINGS.noteLabel}：</span>
          <span data-testid="pin-note-text">{pin.note || STRINGS.noteEmpty}</span>
          <button type="button" className="versions__button versions__button--quiet" data-testid="pin-note-edit" onClick={() => setDraft(pin.note)}>
            {STRINGS.noteEdit}
          </button>
        </p>
      ) : (
        <form className="pin__note" onSubmit={save}>
          <label className="pin__note-label" htmlFor={`pin-note-${pin.id}`}>
            {STRINGS.noteLabel}：
          </label>
          <input id={`pin-note-${pin.id}`} data-testid="pin-note-input" value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="versions__button" data-testid="pin-note-save" disabled={busy}>
            {STRINGS.noteSave}
          </button>
          <button type="button" className="versions__button versions__button--quiet" onClick={() => setDraft(null)}>
            {STRINGS.cancel}
          </button>
        </form>
      )}
    </li>
  );
}

/**
 * A result's "收藏到文件夹": a small button that opens an inline form — an existing folder or a
 * new one, an optional note — and, once pinned, says which folders hold the article.
 */
import { useState, type FormEvent } from 'react';
import type { SearchHit } from '../../../electron/contract/types';
import { useFoldersView, type FoldersView } from '../hooks/use-folders';
import { useServedSearch } from '../hooks/search-query-context';
import { STRINGS } from '../strings';
import { FoldersError } from './folders-error';

const NEW_FOLDER = 'new';

/** What a pin needs of a search hit or an article view: the library article id. */
type Pinnable = Pick<SearchHit, 'articleId'> & { rank?: number };

function PinForm({ view, hit, onDone }: { view: FoldersView; hit: Pinnable; onDone: () => void }) {
  const served = useServedSearch();
  const folders = view.folders ?? [];
  const [choice, setChoice] = useState(folders.length > 0 ? String(folders[0].id) : NEW_FOLDER);
  const [newName, setNewName] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const isNew = choice === NEW_FOLDER;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (isNew && !newName.trim()) return;
    setBusy(true);
    const pin = await view.pin({ folderId: isNew ? null : Number(choice), newFolderName: newName, articleId: hit.articleId, note, served, rank: hit.rank });
    setBusy(false);
    if (pin) onDone();
  };

  return (
    <form className="pin-form" data-testid="pin-form" onSubmit={submit}>
      <label>
        <span>{STRINGS.pinFolderLabel}</span>
        <select data-testid="pin-folder-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {folders.map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.name}
            </option>
          ))}
          <option value={NEW_FOLDER}>{STRINGS.pinNewFolderOption}</option>
        </select>
      </label>
      {isNew && (
        <label>
          <span>{STRINGS.pinNewFolderLabel}</span>
          <input
            data-testid="pin-new-folder"
            value={newName}
            placeholder={STRINGS.pinNewFolderPlaceholder}
            required
            onChange={(e) => setNewName(e.target.value)}
          />
        </label>
      )}
      <label className="pin-form__note">
        <span>{STRINGS.pinNoteLabel}</span>
        <input data-testid="pin-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="pin-form__actions">
        <button type="submit" className="versions__button" data-testid="pin-confirm" disabled={busy || (isNew && !newName.trim())}>
          {STRINGS.pinConfirm}
        </button>
        <button type="button" className="versions__button versions__button--quiet" onClick={onDone}>
          {STRINGS.cancel}
        </button>
      </div>
      {view.failure?.during === 'pin' && <FoldersError failure={view.failure} />}
    </form>
  );
}

export function PinAction({ hit }: { hit: Pinnable }) {
  const view = useFoldersView();
  const [open, setOpen] = useState(false);
  if (!view) return null;
  const names = view.pinned.get(hit.articleId) ?? [];

  return (
    <div className="pin-action" data-testid="pin-action" data-pinned={names.length > 0}>
      {names.length > 0 && (
        <span className="badge badge--current" data-testid="pinned-badge">
          {STRINGS.pinnedIn(names)}
        </span>
      )}
      {!open && (
        <button type="button" className="versions__button versions__button--quiet" data-testid="pin-open" onClick={() => setOpen(true)}>
          {STRINGS.pinAction}
        </button>
      )}
      {open && <PinForm view={view} hit={hit} onDone={() => setOpen(false)} />}
    </div>
  );
}

/**
 * One open folder: its name (rename in place, delete after a confirmation), export buttons, its
 * pins in order, and the queries that led there.
 */
import { useState, type FormEvent } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ResearchFolder } from '../../../electron/contract/folder-types';
import { useFolder, type ExportFormat, type FolderView as Folder } from '../hooks/use-folder';
import { STRINGS } from '../strings';
import { FoldersError } from './folders-error';
import { PinItem } from './pin-item';

const FORMATS: ExportFormat[] = ['markdown', 'csv', 'docx'];

function FolderTitle({ folder, view, onDeleted }: { folder: ResearchFolder; view: Folder; onDeleted: () => void }) {
  const [name, setName] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (name?.trim() && (await view.rename(name))) setName(null);
  };
  const remove = async () => {
    if (await view.remove()) onDeleted();
  };

  if (name !== null) {
    return (
      <form className="folder__title" onSubmit={rename}>
        <input data-testid="folder-rename-input" aria-label={STRINGS.folderRename} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="versions__button" data-testid="folder-rename-save" disabled={view.busy || !name.trim()}>
          {STRINGS.folderRenameSave}
        </button>
        <button type="button" className="versions__button versions__button--quiet" onClick={() => setName(null)}>
          {STRINGS.cancel}
        </button>
      </form>
    );
  }
  return (
    <div className="folder__title">
      <h3 data-testid="folder-name">{folder.name}</h3>
      <button type="button" className="versions__button versions__button--quiet" data-testid="folder-rename" onClick={() => setName(folder.name)}>
        {STRINGS.folderRename}
      </button>
      {confirming ? (
        <span className="folder__confirm" role="alertdialog" data-testid="folder-delete-confirm">
          {STRINGS.folderDeleteConfirm(folder.name)}
          <button type="button" className="versions__button" data-testid="folder-delete-yes" disabled={view.busy} onClick={remove}>
            {STRINGS.folderDeleteConfirmButton}
          </button>
          <button type="button" className="versions__button versions__button--quiet" onClick={() => setConfirming(false)}>
            {STRINGS.cancel}
          </button>
        </span>
      ) : (
        <button type="button" className="versions__button versions__button--quiet" data-testid="folder-delete" onClick={() => setConfirming(true)}>
          {STRINGS.folderDelete}
        </button>
      )}
    </div>
  );
}

interface Props {
  api: Api;
  id: number;
  onChanged: () => void;
  onClose: () => void;
}

export function FolderView({ api, id, onChanged, onClose }: Props) {
  const view = useFolder(api, id, onChanged);
  const { doc } = view;

  return (
    <div className="folder" data-testid="folder-view" data-folder-id={id} data-busy={view.busy}>
      <button type="button" className="versions__button versions__button--quiet" data-testid="folder-back" onClick={onClose}>
        {STRINGS.folderBack}
      </button>
      {view.failure && <FoldersError failure={view.failure} />}
      {!doc && !view.failure && <p className="versions__hint">{STRINGS.folderLoading}</p>}
      {doc && (
        <>
          <FolderTitle folder={doc.folder} view={view} onDeleted={onClose} />
          <p className="folder__export">
            <span>{STRINGS.exportLabel}</span>
            {FORMATS.map((format) => (
              <button key={format} type="button" className="versions__button" data-testid={`folder-export-${format}`} disabled={view.busy} onClick={() => view.exportAs(format)}>
                {STRINGS.exportFormats[format]}
              </button>
            ))}
          </p>
          <h4>{STRINGS.folderPins}</h4>
          {doc.pins.length === 0 ? (
            <p className="versions__hint">{STRINGS.folderNoPins}</p>
          ) : (
            <ol className="folder__pins" data-testid="folder-pins">
              {[...doc.pins]
                .sort((a, b) => a.position - b.position)
                .map((pin) => (
                  <PinItem key={pin.id} pin={pin} busy={view.busy} onSaveNote={view.setNote} onUnpin={view.unpin} />
                ))}
            </ol>
          )}
          <h4>{STRINGS.folderQueries}</h4>
          {doc.queries.length === 0 ? (
            <p className="versions__hint">{STRINGS.folderNoQueries}</p>
          ) : (
            <ul className="folder__queries" data-testid="folder-queries">
              {doc.queries.map((q) => (
                <li key={q.id} data-testid="folder-query">
                  {q.text}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The research folders page: the folders with their pin counts, and one folder opened in place.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { FoldersView } from '../hooks/use-folders';
import { STRINGS } from '../strings';
import { FolderView } from './folder-view';
import { FoldersError } from './folders-error';

export function FoldersPanel({ api, view }: { api: Api; view: FoldersView }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const { folders, reload } = view;

  // Pins made on the search page since the last visit show at once.
  useEffect(() => reload(), [reload]);

  return (
    <section className="folders page" aria-label={STRINGS.foldersTitle} data-testid="folders-panel">
      <h2 className="page__title">{STRINGS.foldersTitle}</h2>
      {(
        <div className="folders__body" data-testid="folders-body">
          {view.failure?.during === 'load' && <FoldersError failure={view.failure} />}
          {openId !== null ? (
            <FolderView api={api} id={openId} onChanged={view.reload} onClose={() => setOpenId(null)} />
          ) : (
            <>
              {folders === null && !view.failure && <p className="versions__hint">{STRINGS.foldersLoading}</p>}
              {folders?.length === 0 && (
                <p className="versions__hint" data-testid="folders-empty">
                  {STRINGS.foldersEmpty}
                </p>
              )}
              {folders && folders.length > 0 && (
                <ul className="folders__list" data-testid="folders-list">
                  {folders.map((f) => (
                    <li key={f.id}>
                      <button type="button" className="folders__item" data-testid="folder-item" data-folder-id={f.id} onClick={() => setOpenId(f.id)}>
                        <span data-testid="folder-item-name">{f.name}</span>
                        <span className="folders__count" data-testid="folder-item-count">
                          {STRINGS.folderPinCount(f.pinCount)}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}

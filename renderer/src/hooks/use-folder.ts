/**
 * One open research folder: its pins and queries, and the changes a lawyer makes to it (note,
 * unpin, rename, delete, export). After each change the shared folders list is reloaded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { FolderDocument } from '../../../electron/contract/folder-types';
import { asApiError } from '../api/api-error';
import { downloadBase64 } from '../download';
import type { FolderAction, FolderFailure } from './use-folders';

export type ExportFormat = 'markdown' | 'csv' | 'docx';

export interface FolderView {
  doc: FolderDocument | null;
  busy: boolean;
  failure: FolderFailure | null;
  setNote: (pinId: number, note: string) => Promise<boolean>;
  unpin: (pinId: number) => void;
  rename: (name: string) => Promise<boolean>;
  remove: () => Promise<boolean>;
  exportAs: (format: ExportFormat) => void;
}

export function useFolder(api: Api, id: number, onChanged: () => void): FolderView {
  const [doc, setDoc] = useState<FolderDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FolderFailure | null>(null);
  const current = useRef(id);
  current.current = id;

  const load = useCallback(() => {
    api.folder({ id }).then(
      (d) => {
        if (current.current === id) setDoc(d);
      },
      (e: unknown) => {
        if (current.current === id) setFailure({ during: 'load', error: asApiError(e) });
      },
    );
  }, [api, id]);

  useEffect(() => {
    setDoc(null);
    setFailure(null);
    load();
  }, [load]);

  /** Runs one change; true when it worked. `reload`: fetch the folder again afterwards. */
  const run = useCallback(
    async (during: FolderAction, action: () => Promise<unknown>, reload = true): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        setFailure(null);
        return true;
      } catch (e) {
        setFailure({ during, error: asApiError(e) });
        return false;
      } finally {
        setBusy(false);
        if (reload) {
          load();
          onChanged();
        }
      }
    },
    [load, onChanged],
  );

  return {
    doc,
    busy,
    failure,
    setNote: (pinId, note) => run('change', () => api.setPinNote({ pinId, note: note.trim() })),
    unpin: (pinId) => void run('change', () => api.unpin({ pinId })),
    rename: (name) => run('change', () => api.renameFolder({ id, name: name.trim() })),
    remove: () => run('change', () => api.deleteFolder({ id }), false).finally(onChanged),
    exportAs: (format) =>
      void run(
        'export',
        async () => {
          const file = await api.exportFolder({ id, format });
          downloadBase64(file.filename, file.mimeType, file.base64);
        },
        false,
      ),
  };
}

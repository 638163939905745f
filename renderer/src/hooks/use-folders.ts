/**
 * The research folders list, shared by the folders panel and every search result's pin action
 * (through `FoldersContext`): the folders, which library articles are pinned where, and pinning.
 * Pinning also records the query that led there, so a folder keeps its trail of searches.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { Pin, ResearchFolder } from '../../../electron/contract/folder-types';
import { asApiError, type ApiError } from '../api/api-error';
import type { ServedSearch } from './search-query-context';

export type FolderAction = 'load' | 'pin' | 'change' | 'export';

export interface FolderFailure {
  during: FolderAction;
  error: ApiError;
}

/** A pin into an existing folder (`folderId`) or into a new one (`newFolderName`). */
export interface PinRequest {
  folderId: number | null;
  newFolderName: string;
  articleId: number;
  note: string;
  /** The search that found the article (recorded on the folder, and the article marked relevant for it), when its query is not empty. */
  served: ServedSearch;
  /** The article's rank in that search's results. */
  rank?: number;
}

export interface FoldersView {
  folders: ResearchFolder[] | null;
  /** Library article id → names of the folders that pin it. */
  pinned: ReadonlyMap<number, string[]>;
  failure: FolderFailure | null;
  reload: () => void;
  pin: (req: PinRequest) => Promise<Pin | null>;
}

export const FoldersContext = createContext<FoldersView | null>(null);

/** The shared folders view, or null outside a provider (then no pin actions are shown). */
export function useFoldersView(): FoldersView | null {
  return useContext(FoldersContext);
}

async function pinnedByArticle(api: Api, folders: ResearchFolder[]): Promise<Map<number, string[]>> {
  const docs = await Promise.all(folders.filter((f) => f.pinCount > 0).map((f) => api.folder({ id: f.id })));
  const pinned = new Map<number, string[]>();
  for (const doc of docs) {
    for (const pin of doc.pins) {
      if (pin.articleId === null) continue;
      pinned.set(pin.articleId, [...(pinned.get(pin.articleId) ?? []), doc.folder.name]);
    }
  }
  return pinned;
}

export function useFolders(api: Api, enabled: boolean): FoldersView {
  const [folders, setFolders] = useState<ResearchFolder[] | null>(null);
  const [pinned, setPinned] = useState<ReadonlyMap<number, string[]>>(new Map());
  const [failure, setFailure] = useState<FolderFailure | null>(null);
  const latest = useRef(0);

  const reload = useCallback(() => {
    const id = ++latest.current;
    api
      .folders({})
      .then(async (list) => ({ list, map: await pinnedByArticle(api, list) }))
      .then(
        ({ list, map }) => {
          if (id !== latest.current) return;
          setFolders(list);
          setPinned(map);
          setFailure((f) => (f?.during === 'load' ? null : f));
        },
        (e: unknown) => {
          if (id === latest.current) setFailure({ during: 'load', error: asApiError(e) });
        },
      );
  }, [api]);

  useEffect(() => {
    if (enabled) reload();
  }, [enabled, reload]);

  const pin = useCallback(
    async (req: PinRequest): Promise<Pin | null> => {
      try {
        const folderId = req.folderId ?? (await api.createFolder({ name: req.newFolderName.trim() })).id;
        const query = req.served.query.trim();
        // Pinned from a result list: the pin also marks the article relevant for that query.
        const from = query ? { query, preset: req.served.preset ?? undefined, rank: req.rank } : undefined;
        const pinned = await api.pinArticle({ folderId, articleId: req.articleId, note: req.note.trim() || undefined, from });
        if (query) await api.recordFolderQuery({ folderId, text: query });
        setFailure(null);
        return pinned;
      } catch (e) {
        setFailure({ during: 'pin', error: asApiError(e) });
        return null;
      } finally {
        reload();
      }
    },
    [api, reload],
  );

  return { folders, pinned, failure, reload, pin };
}

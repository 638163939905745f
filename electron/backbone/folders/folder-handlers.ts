import type { ApiHandlers } from '../../contract/api';
import type { FolderDocument } from '../../contract/folder-types';
import type { Library } from '../library';
import { folderToDocx } from './export-docx';
import { folderToCsv, folderToMarkdown } from './export-text';
import type { FolderStore } from './folder-store';

/**
 * The research-folder API methods over a folder store and the library (pins take their article
 * snapshot from it). Both come from getters, so a damaged research.db fails these methods with its
 * own error while search keeps working.
 */
const FOLDER_METHODS = [
  'folders', 'folder', 'createFolder', 'renameFolder', 'deleteFolder', 'pinArticle', 'setPinNote', 'unpin',
  'recordFolderQuery', 'exportFolder', 'history', 'addHistory', 'clearHistory',
] as const;
export type FolderMethod = (typeof FOLDER_METHODS)[number];

const FORMATS = {
  markdown: { ext: 'md', mimeType: 'text/markdown; charset=utf-8' },
  csv: { ext: 'csv', mimeType: 'text/csv; charset=utf-8' },
  docx: { ext: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
} as const;

/** A file name from a folder name: characters no file system accepts become _. */
function exportFilename(doc: FolderDocument, format: keyof typeof FORMATS): string {
  const base = doc.folder.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || `folder-${doc.folder.id}`;
  return `${base}.${FORMATS[format].ext}`;
}

export function folderHandlers(store: () => FolderStore, lib: () => Library): Pick<ApiHandlers, FolderMethod> {
  return {
    folders: () => store().listFolders(),
    folder: (req) => store().document(req.id),
    createFolder: (req) => store().createFolder(req.name, req.description),
    renameFolder: (req) => store().renameFolder(req.id, req.name, req.description),
    deleteFolder: (req) => {
      store().deleteFolder(req.id);
      return { deleted: req.id };
    },
    pinArticle: (req) => {
      const a = lib().article({ id: req.articleId });
      return store().pin(req.folderId, {
        lawTitle: a.law.title, lawVersion: a.law.versionDate ?? '', label: a.label, citation: a.citation,
        shortTitle: a.law.shortTitle, path: a.path, text: a.text, articleId: a.articleId,
      }, req.note);
    },
    setPinNote: (req) => store().setNote(req.pinId, req.note),
    unpin: (req) => {
      store().unpin(req.pinId);
      return { unpinned: req.pinId };
    },
    recordFolderQuery: (req) => store().recordQuery(req.folderId, { text: req.text, budget: req.budget }),
    exportFolder: async (req) => {
      const doc = store().document(req.id);
      const data = req.format === 'markdown' ? Buffer.from(folderToMarkdown(doc), 'utf8') : req.format === 'csv' ? folderToCsv(doc) : await folderToDocx(doc);
      return { filename: exportFilename(doc, req.format), mimeType: FORMATS[req.format].mimeType, base64: data.toString('base64') };
    },
    history: (req) => store().history(req.limit),
    addHistory: (req) => {
      const shown = req.shown.flatMap((id) => {
        try {
          return [lib().articleRef({ id })];
        } catch {
          return []; // an article gone since the search (a re-import): the entry is kept without it
        }
      });
      return store().addHistory({ text: req.text, preset: req.preset, resultCount: req.resultCount }, shown);
    },
    clearHistory: () => {
      store().clearHistory();
      return { cleared: true as const };
    },
  };
}

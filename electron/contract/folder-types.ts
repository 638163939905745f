import type { Budget, PresetName } from './types';

/**
 * Research folders (a lawyer's matters), pins, saved queries and search history: what the
 * folder methods exchange. They live in the user's own research.db, never in the library.
 */
export interface ResearchFolder {
  id: number;
  name: string;
  description: string;
  pinCount: number;
  /** ISO timestamps. `updatedAt` moves on rename and on any change to its pins or queries. */
  createdAt: string;
  updatedAt: string;
}

/** What identifies an article across library re-imports: never a library database id. */
export interface ArticleRef {
  /** Full law title, e.g. 中华人民共和国民法典. */
  lawTitle: string;
  /** The law version's date (YYYY-MM-DD), or '' when the source gives none. */
  lawVersion: string;
  /** Article label, e.g. 第五百八十四条. */
  label: string;
}

/** An article as the user saw it when pinning: kept even if the library later changes. */
export interface ArticleSnapshot extends ArticleRef {
  /** 《中华人民共和国民法典》第五百八十四条 */
  citation: string;
  /** 民法典 */
  shortTitle: string;
  /** Book / chapter / section headings above the article. */
  path: string[];
  text: string;
  /** The library's article id at pin time: a hint only, it may point elsewhere after a re-import. */
  articleId: number | null;
}

export interface Pin extends ArticleSnapshot {
  id: number;
  folderId: number;
  note: string;
  /** 0-based order within the folder. */
  position: number;
  pinnedAt: string;
  updatedAt: string;
}

/** A query that led to a folder's pins. */
export interface FolderQuery {
  id: number;
  folderId: number;
  text: string;
  budget: Budget | null;
  recordedAt: string;
}

export interface HistoryEntry {
  id: number;
  text: string;
  preset: PresetName | null;
  resultCount: number;
  searchedAt: string;
}

/** Everything an export needs: the folder, its pins in order, its queries oldest first. */
export interface FolderDocument {
  folder: ResearchFolder;
  pins: Pin[];
  queries: FolderQuery[];
}

/** An exported folder: the file's name and type, and its bytes in base64 (JSON carries no bytes). */
export interface FolderExport {
  filename: string;
  mimeType: string;
  base64: string;
}

/**
 * Plain data types of research folders (a lawyer's "matters"): part of the shared contract.
 */
export type { ArticleRef, ArticleSnapshot, FolderDocument, FolderQuery, HistoryEntry, Pin, ResearchFolder } from '../../contract/folder-types';

export * from './types';
export { FolderStore, type FolderStoreOptions, type PinArticle } from './folder-store';
export { openResearchDb, type OpenResearchOptions } from './open-research-db';
export { RESEARCH_APPLICATION_ID, RESEARCH_LATEST_SCHEMA } from './research-schema';
export { LIMITS } from './folder-input';
export { folderToMarkdown, folderToCsv, csvField, CSV_COLUMNS } from './export-text';
export { folderToDocx } from './export-docx';
export { writeFileAtomic } from '../store/write-file-atomic';

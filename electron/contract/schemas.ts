import { z } from 'zod';
import type { ApiMethod } from './methods';

/** Request validation, one schema per API method. Transports validate before calling the backbone. */
export const SearchRequest = z.strictObject({
  query: z.string().trim().min(1, 'query must not be empty').max(500, 'query must be at most 500 characters'),
  limit: z.number().int().min(1).max(200).default(10),
  offset: z.number().int().min(0).max(1000).default(0),
  category: z.string().min(1).max(100).optional(),
  /** A law id, or a title / short title. */
  law: z.union([z.number().int().positive(), z.string().min(1).max(200)]).optional(),
  includeSuperseded: z.boolean().default(false),
  /** Retrieval budget: a named preset, or explicit K candidates, all reranked, → the best N (n = 0: no reranking, K in first-stage order). */
  preset: z.enum(['quick', 'standard', 'research']).optional(),
  k: z.number().int().min(1).max(1000).optional(),
  n: z.number().int().min(0).max(200).optional(),
  /** First-stage retriever; default hybrid when an embedder is installed, else lexical. */
  retriever: z.enum(['lexical', 'dense', 'hybrid']).optional(),
});

export const ArticleRequest = z.union([
  z.strictObject({ id: z.number().int().positive() }),
  z.strictObject({ citation: z.string().trim().min(2).max(300) }),
]);

export const LawsRequest = z.strictObject({
  prefix: z.string().max(100).optional(),
  category: z.string().max(100).optional(),
  includeSuperseded: z.boolean().default(false),
  limit: z.number().int().min(1).max(2000).default(50),
});

export const EmptyRequest = z.strictObject({}).default({});

export const ActivateVersionRequest = z.strictObject({ id: z.number().int().positive() });

const Id = z.number().int().positive();
const Preset = z.enum(['quick', 'standard', 'research']);
export const FolderRequest = z.strictObject({ id: Id });
export const CreateFolderRequest = z.strictObject({ name: z.string(), description: z.string().optional() });
export const RenameFolderRequest = z.strictObject({ id: Id, name: z.string(), description: z.string().optional() });
/** Pins a library article (its snapshot is taken from the library) with an optional note. */
export const PinArticleRequest = z.strictObject({ folderId: Id, articleId: Id, note: z.string().optional() });
export const SetPinNoteRequest = z.strictObject({ pinId: Id, note: z.string() });
export const UnpinRequest = z.strictObject({ pinId: Id });
export const RecordFolderQueryRequest = z.strictObject({
  folderId: Id, text: z.string(), budget: z.strictObject({ preset: Preset.nullable(), k: z.number().int().min(1), n: z.number().int().min(0) }).optional(),
});
export const ExportFolderRequest = z.strictObject({ id: Id, format: z.enum(['markdown', 'csv', 'docx']) });
export const HistoryRequest = z.strictObject({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 });
export const AddHistoryRequest = z.strictObject({ text: z.string().trim().min(1).max(500), preset: Preset.nullable().default(null), resultCount: z.number().int().min(0) });

/** A source on the machine running the backbone (absolute path), or uploaded files (web mode). */
const Category = z.string().trim().min(1).max(100).optional();
export const ImportStatutesRequest = z.union([
  z.strictObject({ path: z.string().trim().min(1, 'path must not be empty').max(4096), category: Category }),
  z.strictObject({
    files: z.array(z.strictObject({ path: z.string().min(1).max(1024), base64: z.string() })).min(1, 'choose at least one file').max(5000),
    category: Category,
  }),
  /** Files staged before with uploadStatutes, imported as one source. */
  z.strictObject({ uploadId: z.string().min(1).max(100), category: Category }),
]);
/** Stages part of a large upload: new files, or a further piece of one (`append`). No uploadId: a new upload. */
export const UploadStatutesRequest = z.strictObject({
  uploadId: z.string().min(1).max(100).optional(),
  files: z.array(z.strictObject({ path: z.string().min(1).max(1024), base64: z.string(), append: z.boolean().optional() })).min(1).max(5000),
});
/** Creates and activates a version with the built-in models (label in the user's language). */
export const UseBuiltinModelsRequest = z.strictObject({ label: z.string().trim().min(1).max(100) });

export const REQUEST_SCHEMAS = {
  search: SearchRequest,
  article: ArticleRequest,
  laws: LawsRequest,
  stats: EmptyRequest,
  status: EmptyRequest,
  models: EmptyRequest,
  versions: EmptyRequest,
  activateVersion: ActivateVersionRequest,
  rollbackVersion: EmptyRequest,
  folders: EmptyRequest,
  folder: FolderRequest,
  createFolder: CreateFolderRequest,
  renameFolder: RenameFolderRequest,
  deleteFolder: FolderRequest,
  pinArticle: PinArticleRequest,
  setPinNote: SetPinNoteRequest,
  unpin: UnpinRequest,
  recordFolderQuery: RecordFolderQueryRequest,
  exportFolder: ExportFolderRequest,
  history: HistoryRequest,
  addHistory: AddHistoryRequest,
  clearHistory: EmptyRequest,
  evaluation: EmptyRequest,
  pauseIndexing: EmptyRequest,
  resumeIndexing: EmptyRequest,
  importStatutes: ImportStatutesRequest,
  uploadStatutes: UploadStatutesRequest,
  importStatus: EmptyRequest,
  useBuiltinModels: UseBuiltinModelsRequest,
} as const satisfies Record<ApiMethod, z.ZodType>;

export type SearchRequestInput = z.input<typeof SearchRequest>;
export type SearchRequestParsed = z.output<typeof SearchRequest>;
export type ArticleRequestInput = z.input<typeof ArticleRequest>;
export type LawsRequestInput = z.input<typeof LawsRequest>;
export type LawsRequestParsed = z.output<typeof LawsRequest>;

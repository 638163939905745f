import { z } from 'zod';
import { GLOSSARY_CSV_MAX_CHARS } from './glossary-types';
import type { ApiMethod } from './methods';

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD, e.g. 2010-01-01')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'no such date: check the month and day');

/** Request validation, one schema per API method. Transports validate before calling the backbone. */
export const SearchRequest = z.strictObject({
  query: z.string().trim().min(1, 'query must not be empty').max(500, 'query must be at most 500 characters'),
  limit: z.number().int().min(1).max(200).default(10),
  offset: z.number().int().min(0).max(1000).default(0),
  category: z.string().min(1).max(100).optional(),
  /** A law id, or a title / short title. */
  law: z.union([z.number().int().positive(), z.string().min(1).max(200)]).optional(),
  includeSuperseded: z.boolean().default(false),
  /** The law as it stood on this date (YYYY-MM-DD): for each law, the version in force then; overrides includeSuperseded. */
  asOf: IsoDate.optional(),
  /** Retrieval budget: a named preset, or explicit K candidates, all reranked, → the best N (n = 0: no reranking, K in first-stage order). */
  preset: z.enum(['quick', 'standard', 'research']).optional(),
  k: z.number().int().min(1).max(1000).optional(),
  n: z.number().int().min(0).max(200).optional(),
  /** First-stage retriever; default hybrid when an embedder is installed, else lexical. */
  retriever: z.enum(['lexical', 'dense', 'hybrid']).optional(),
});

/** How many provisions before and after the article to add (`surrounding`); 0 or absent: none. */
const Surrounding = z.number().int().min(0).max(5).optional();
/** An article by id, or by citation as lawyers type it (刑法第二十条, 《民法典》第一千零七十九条). */
const ArticleRequest = z.union([
  z.strictObject({ id: z.number().int().positive(), surrounding: Surrounding }),
  z.strictObject({ citation: z.string().trim().min(2).max(300), surrounding: Surrounding }),
]);

const LawsRequest = z.strictObject({
  prefix: z.string().max(100).optional(),
  category: z.string().max(100).optional(),
  includeSuperseded: z.boolean().default(false),
  limit: z.number().int().min(1).max(2000).default(50),
});

const EmptyRequest = z.strictObject({}).default({});

const ActivateVersionRequest = z.strictObject({ id: z.number().int().positive() });

const Id = z.number().int().positive();
const Preset = z.enum(['quick', 'standard', 'research']);
const FolderRequest = z.strictObject({ id: Id });
const CreateFolderRequest = z.strictObject({ name: z.string(), description: z.string().optional() });
const RenameFolderRequest = z.strictObject({ id: Id, name: z.string(), description: z.string().optional() });
/** Pins a library article (its snapshot is taken from the library) with an optional note. */
/** The search that led to a result: the query, its preset and the result's rank (1-based). */
const Served = {
  query: SearchRequest.shape.query,
  preset: Preset.optional(),
  rank: z.number().int().min(1).max(1000).optional(),
};
/** Pinning from a result list (`from`) also marks the article relevant for that query. */
const PinArticleRequest = z.strictObject({
  folderId: Id, articleId: Id, note: z.string().optional(),
  from: z.strictObject(Served).optional(),
});
const SetPinNoteRequest = z.strictObject({ pinId: Id, note: z.string() });
const UnpinRequest = z.strictObject({ pinId: Id });
const RecordFolderQueryRequest = z.strictObject({
  folderId: Id, text: z.string(), budget: z.strictObject({ preset: Preset.nullable(), k: z.number().int().min(1), n: z.number().int().min(0) }).optional(),
});
const ExportFolderRequest = z.strictObject({ id: Id, format: z.enum(['markdown', 'csv', 'docx']) });
const HistoryRequest = z.strictObject({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 });
/** `shown`: the first results' article ids, best first (kept, so a search nobody used can be curated later). */
const AddHistoryRequest = z.strictObject({
  text: z.string().trim().min(1).max(500), preset: Preset.nullable().default(null), resultCount: z.number().int().min(0),
  shown: z.array(Id).max(10).default([]),
});

/** A mark on one result. `opened`: the article was opened from the results (kept, never trained on). */
const MarkResultRequest = z.strictObject({
  ...Served,
  articleId: Id,
  mark: z.enum(['relevant', 'not_relevant', 'opened']),
  source: z.enum(['search', 'research', 'article']).default('search'),
});
/** No result answers the query; `shown`: the results' article ids, best first. */
const MarkNothingHereRequest = z.strictObject({
  query: SearchRequest.shape.query, preset: Preset.optional(), shown: z.array(Id).max(50).default([]),
  source: z.enum(['search', 'research']).default('search'),
});
const FEEDBACK_MARKS = ['relevant', 'not_relevant', 'nothing_here', 'opened'] as const;
/** Feedback items, newest first; `law` matches the law's title or the citation; dates are the day given (UTC). */
const FeedbackRequest = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  law: z.string().trim().min(1).max(200).optional(),
  mark: z.enum(FEEDBACK_MARKS).optional(),
  /** Exactly this query (what a result list asks to show its marks). */
  query: z.string().trim().min(1).max(500).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
}).default({ limit: 100, offset: 0 });
const UpdateFeedbackRequest = z.strictObject({ id: Id, mark: z.enum(['relevant', 'not_relevant']) });
const DeleteFeedbackRequest = z.strictObject({ id: Id });
const FailureCasesRequest = z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 });
/** The article that answers a failure case, by citation as lawyers type it (刑法第二十条). */
const AddFailureArticleRequest = z.strictObject({ query: SearchRequest.shape.query, citation: z.string().trim().min(2).max(300) });
/** JSONL as exportFeedback writes it (one item per line); all lines are imported, or none. */
/** `embedder`: train the embedder too (the new version's index is then built when it is activated or A/B-tested). */
const TrainFromFeedbackRequest = z.strictObject({ embedder: z.boolean().default(false) }).default({ embedder: false });
const ImportFeedbackRequest = z.strictObject({ text: z.string().min(1, 'the file is empty').max(4_000_000, 'the file must be at most 4 MB; split it') });

const AbId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'an A/B session id is lower-case letters, digits and dashes');
const PrepareAbRequest = z.strictObject({
  a: Id,
  b: Id,
  /** The queries to compare on; default: the recent search history. */
  queries: z.array(z.string().trim().min(1, 'a query must not be empty').max(500, 'a query must be at most 500 characters')).min(1, 'give at least one query').max(500, 'at most 500 queries').optional(),
  preset: Preset.default('standard'),
}).refine((r) => r.a !== r.b, { message: 'versions A and B must be two different versions', path: ['b'] });
const AbSessionRequest = z.strictObject({ id: AbId });
const JudgeAbRequest = z.strictObject({ id: AbId, itemIndex: z.number().int().min(0), verdict: z.enum(['left', 'right', 'tie']) });
/** A law version, whole (its id: `law.id` of an article view or a search hit). */
const LawRequest = z.strictObject({ id: Id });
/** The dated versions of the law a version id belongs to. */
const LawVersionsRequest = z.strictObject({ id: Id });
/** An article across its law's versions; `from` and `to` (two version ids, given together) choose one pair to diff. */
const CompareArticleRequest = z
  .strictObject({ articleId: Id, from: Id.optional(), to: Id.optional() })
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'give both from and to (two version ids), or neither' });
/** A deep-research run: the research preset's budget unless k / n are given (N ≥ 1: a run always reranks). */
export const StartResearchRequest = z.strictObject({
  query: SearchRequest.shape.query,
  category: SearchRequest.shape.category,
  law: SearchRequest.shape.law,
  includeSuperseded: z.boolean().default(false),
  k: z.number().int().min(1).max(1000).optional(),
  n: z.number().int().min(1).max(200).optional(),
});
const ResearchRunRequest = z.strictObject({ runId: z.string().min(1).max(100) });
/** A source on the machine running the backbone (absolute path), or uploaded files (web mode). */
const Category = z.string().trim().min(1).max(100).optional();
const ImportStatutesRequest = z.union([
  z.strictObject({ path: z.string().trim().min(1, 'path must not be empty').max(4096), category: Category }),
  z.strictObject({
    files: z.array(z.strictObject({ path: z.string().min(1).max(1024), base64: z.string() })).min(1, 'choose at least one file').max(5000),
    category: Category,
  }),
  /** Files staged before with uploadStatutes, imported as one source. */
  z.strictObject({ uploadId: z.string().min(1).max(100), category: Category }),
]);
/** Stages part of a large upload: new files, or a further piece of one (`append`). No uploadId: a new upload. */
const UploadStatutesRequest = z.strictObject({
  uploadId: z.string().min(1).max(100).optional(),
  files: z.array(z.strictObject({ path: z.string().min(1).max(1024), base64: z.string(), append: z.boolean().optional() })).min(1).max(5000),
});
/** Creates and activates a version with the built-in models (label in the user's language). */
const UseBuiltinModelsRequest = z.strictObject({ label: z.string().trim().min(1).max(100) });

/** Bounds of the embed and rerank methods (one request stays well under the body limit). */
const EMBED_LIMITS = { texts: 64, chars: 4000 } as const;
const RERANK_LIMITS = { texts: 100, articles: 300, chars: 4000 } as const;
/** Texts to embed with the served embedder: a query (instruction-style models prefix it) or a document. */
const EmbedRequest = z.strictObject({
  texts: z
    .array(z.string().min(1, 'a text must not be empty').max(EMBED_LIMITS.chars, `a text must be at most ${EMBED_LIMITS.chars} characters`))
    .min(1, 'give at least one text')
    .max(EMBED_LIMITS.texts, `at most ${EMBED_LIMITS.texts} texts per request`),
  kind: z.enum(['query', 'document']).default('query'),
});
/**
 * Scores documents against a query with the served reranker, best first. Documents are library
 * article ids (any reranker: the pipeline's own feature path), or raw texts (text-pair rerankers
 * only: a feature reranker is refused with RERANK_NEEDS_ARTICLES).
 */
const RerankRequest = z.strictObject({
  query: SearchRequest.shape.query,
  documents: z.union(
    [
      z.array(Id).min(1).max(RERANK_LIMITS.articles),
      z.array(z.string().min(1).max(RERANK_LIMITS.chars)).min(1).max(RERANK_LIMITS.texts),
    ],
    { error: `documents must be 1–${RERANK_LIMITS.articles} article ids (positive integers) or 1–${RERANK_LIMITS.texts} non-empty texts of at most ${RERANK_LIMITS.chars} characters, not a mix` },
  ),
  /** Only the best `top` results (default: all). */
  top: z.number().int().min(1).max(RERANK_LIMITS.articles).optional(),
});

/** Bounds of a context pack: how many articles, and its size in characters. */
export const CONTEXT_PACK_LIMITS = { articles: 50, minChars: 500, maxChars: 200_000 } as const;
/**
 * A context pack for a RAG application: the search's top `articles` (deduplicated), each whole with
 * its citation, validity and the provisions it cites, cut to `maxChars` without breaking a provision.
 * The retrieval budget: a preset, or K → N, as for search.
 */
const ContextPackRequest = z.strictObject({
  query: SearchRequest.shape.query,
  preset: SearchRequest.shape.preset,
  k: SearchRequest.shape.k,
  n: SearchRequest.shape.n,
  category: SearchRequest.shape.category,
  law: SearchRequest.shape.law,
  asOf: SearchRequest.shape.asOf,
  includeSuperseded: SearchRequest.shape.includeSuperseded,
  articles: z.number().int().min(1).max(CONTEXT_PACK_LIMITS.articles).default(8),
  maxChars: z.number().int().min(CONTEXT_PACK_LIMITS.minChars).max(CONTEXT_PACK_LIMITS.maxChars).default(8000),
  /** Add the provisions each article cites (whole, where they fit). */
  cited: z.boolean().default(true),
});

/** The name a firm's glossary file is stored under (its rows are replaced or removed by that name). */
const GlossaryFileName = z.string().trim().min(1, 'fileName must not be empty').max(200, 'fileName must be at most 200 characters');
/** A firm's glossary as CSV (`term,citation`, e.g. 侵占罪,刑法第二百七十条): all rows are imported, or none. */
const ImportGlossaryRequest = z.strictObject({
  fileName: GlossaryFileName,
  text: z.string().max(GLOSSARY_CSV_MAX_CHARS, 'the CSV must be at most 2 MB; split it into several files'),
});
/** Removes the rows imported from one firm glossary file. */
const RemoveGlossaryFileRequest = z.strictObject({ fileName: GlossaryFileName });

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
  abSessions: EmptyRequest,
  prepareAb: PrepareAbRequest,
  cancelAbPreparation: AbSessionRequest,
  abSession: AbSessionRequest,
  judgeAb: JudgeAbRequest,
  tallyAb: AbSessionRequest,
  law: LawRequest,
  lawVersions: LawVersionsRequest,
  compareArticle: CompareArticleRequest,
  startResearch: StartResearchRequest,
  researchRun: ResearchRunRequest,
  cancelResearch: ResearchRunRequest,
  locations: EmptyRequest,
  pauseIndexing: EmptyRequest,
  resumeIndexing: EmptyRequest,
  importStatutes: ImportStatutesRequest,
  uploadStatutes: UploadStatutesRequest,
  importStatus: EmptyRequest,
  useBuiltinModels: UseBuiltinModelsRequest,
  embed: EmbedRequest,
  rerank: RerankRequest,
  glossary: EmptyRequest,
  importGlossary: ImportGlossaryRequest,
  removeGlossaryFile: RemoveGlossaryFileRequest,
  markResult: MarkResultRequest,
  markNothingHere: MarkNothingHereRequest,
  feedback: FeedbackRequest,
  updateFeedback: UpdateFeedbackRequest,
  deleteFeedback: DeleteFeedbackRequest,
  failureCases: FailureCasesRequest,
  addFailureArticle: AddFailureArticleRequest,
  exportFeedback: EmptyRequest,
  importFeedback: ImportFeedbackRequest,
  trainFromFeedback: TrainFromFeedbackRequest,
  feedbackTraining: EmptyRequest,
  cancelFeedbackTraining: EmptyRequest,
  contextPack: ContextPackRequest,
  assistantConnection: EmptyRequest,
} as const satisfies Record<ApiMethod, z.ZodType>;

export type SearchRequestInput = z.input<typeof SearchRequest>;
export type SearchRequestParsed = z.output<typeof SearchRequest>;
export type ArticleRequestInput = z.input<typeof ArticleRequest>;
export type LawsRequestInput = z.input<typeof LawsRequest>;
export type LawsRequestParsed = z.output<typeof LawsRequest>;

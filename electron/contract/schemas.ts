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
} as const satisfies Record<ApiMethod, z.ZodType>;

export type SearchRequestInput = z.input<typeof SearchRequest>;
export type SearchRequestParsed = z.output<typeof SearchRequest>;
export type ArticleRequestInput = z.input<typeof ArticleRequest>;
export type LawsRequestInput = z.input<typeof LawsRequest>;
export type LawsRequestParsed = z.output<typeof LawsRequest>;

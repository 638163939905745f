import { z } from 'zod';
import { createError } from '../../contract/errors';

/** Input limits and checks for research folders; a failure is INVALID_REQUEST naming the field. */
const LIMITS = {
  name: 200,
  description: 2000,
  note: 20000,
  queryText: 2000,
  articleText: 100000,
} as const;

const presetName = z.enum(['quick', 'standard', 'research']);

export const folderName = z.string().trim().min(1, 'the folder name is empty').max(LIMITS.name, `the folder name is longer than ${LIMITS.name} characters`);
export const folderDescription = z.string().trim().max(LIMITS.description, `the description is longer than ${LIMITS.description} characters`);
export const note = z.string().max(LIMITS.note, `the note is longer than ${LIMITS.note} characters`);
export const id = z.number().int().positive();

export const articleSnapshot = z.object({
  lawTitle: z.string().trim().min(1).max(500),
  lawVersion: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'the law version must be YYYY-MM-DD or empty')]),
  label: z.string().trim().min(1).max(100),
  citation: z.string().trim().min(1).max(700).optional(),
  shortTitle: z.string().trim().max(500),
  path: z.array(z.string().max(500)).max(20),
  text: z.string().max(LIMITS.articleText),
  articleId: z.number().int().nullable().optional(),
});

export const folderQuery = z.object({
  text: z.string().trim().min(1, 'the query is empty').max(LIMITS.queryText),
  budget: z
    .object({ preset: presetName.nullable(), k: z.number().int().min(1).max(1000), n: z.number().int().min(0).max(1000) })
    .nullable()
    .optional(),
});

export const historyEntry = z.object({
  text: z.string().trim().min(1, 'the query is empty').max(LIMITS.queryText),
  preset: presetName.nullable().optional(),
  resultCount: z.number().int().min(0),
});

/** Parses `value` or throws INVALID_REQUEST with the first problem, e.g. "name: the folder name is empty". */
export function check<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = [field, ...issue.path.map(String)].join('.');
  throw createError('INVALID_REQUEST', `${where}: ${issue.message}`);
}

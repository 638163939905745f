import { z } from 'zod';
import type { FeedbackItem } from '../../contract/feedback-types';
import type { NewMark, NewNothingHere } from './feedback-store';

/**
 * The feedback file: JSON Lines, one item per line, as exportFeedback writes it and importFeedback
 * and `npm run train -- --feedback` read it. Library ids never appear: an article is named by law
 * title, version and label, so a file made on one machine means the same on another.
 */
const Article = z.strictObject({
  lawTitle: z.string().trim().min(1).max(500),
  lawVersion: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'lawVersion must be YYYY-MM-DD or empty')]),
  label: z.string().trim().min(1).max(100),
  citation: z.string().trim().min(1).max(700),
});
const Timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date and time (ISO 8601)');
const Common = {
  app: z.string().max(100).default(''),
  query: z.string().trim().min(1, 'the query is empty').max(500),
  source: z.enum(['search', 'research', 'article', 'pin', 'curation', 'import']).default('import'),
  versionId: z.number().int().positive().nullable().default(null),
  preset: z.enum(['quick', 'standard', 'research']).nullable().default(null),
  createdAt: Timestamp.optional(),
};
const Line = z.discriminatedUnion('mark', [
  z.object({ ...Common, mark: z.enum(['relevant', 'not_relevant', 'opened']), article: Article, rank: z.number().int().min(1).nullable().default(null) }),
  z.object({ ...Common, mark: z.literal('nothing_here'), article: z.null().optional(), shown: z.array(Article).max(50).default([]) }),
]);

export type ParsedFeedback = { app: string } & ({ kind: 'mark'; m: NewMark } | { kind: 'nothing'; n: NewNothingHere });

/** One line per item; the store's ids and update times stay behind. */
export function toJsonl(items: readonly FeedbackItem[]): string {
  return items
    .map((it) => JSON.stringify({
      app: it.app, query: it.query, mark: it.mark, source: it.source, article: it.article,
      ...(it.mark === 'nothing_here' ? { shown: it.shown } : { rank: it.rank }),
      versionId: it.versionId, preset: it.preset, createdAt: it.createdAt,
    }))
    .map((l) => l + '\n')
    .join('');
}

/** Every line of a feedback file, or the bad lines (1-based) with what is wrong; blank lines are skipped. */
export function parseJsonl(text: string): { items: ParsedFeedback[]; lines: number; errors: { line: number; message: string }[] } {
  const items: ParsedFeedback[] = [];
  const errors: { line: number; message: string }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let count = 0;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    count++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line: i + 1, message: 'not a JSON object' });
      return;
    }
    const r = Line.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      errors.push({ line: i + 1, message: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
      return;
    }
    const v = r.data;
    const common = { query: v.query, source: v.source, versionId: v.versionId, preset: v.preset, createdAt: v.createdAt };
    items.push(v.mark === 'nothing_here'
      ? { app: v.app, kind: 'nothing', n: { ...common, shown: v.shown } }
      : { app: v.app, kind: 'mark', m: { ...common, mark: v.mark, article: v.article, rank: v.rank } });
  });
  return { items, lines: count, errors };
}

import type { ApiHandlers, HandlerCall } from '../../contract/api';
import { createError } from '../../contract/errors';
import type { FeedbackArticle } from '../../contract/feedback-types';
import type { Library } from '../library';
import { parseJsonl, toJsonl } from './feedback-jsonl';
import type { FeedbackOwner, FeedbackStore } from './feedback-store';

const FEEDBACK_METHODS = [
  'markResult', 'markNothingHere', 'feedback', 'updateFeedback', 'deleteFeedback', 'failureCases', 'addFailureArticle', 'exportFeedback', 'importFeedback',
] as const;
export type FeedbackMethod = (typeof FEEDBACK_METHODS)[number];

/** The application giving feedback ('' the local user) and what it may see (null: the local user sees every application's). */
const appOf = (call?: HandlerCall): string => call?.caller ?? '';
const ownerOf = (call?: HandlerCall): FeedbackOwner => call?.caller ?? null;

/**
 * The feedback methods over the research.db store and the library (marks name the article the
 * library shows now). `servedVersion` is the backbone version serving searches when the mark is given.
 */
export function feedbackHandlers(store: () => FeedbackStore, lib: () => Library, servedVersion: () => number | null): Pick<ApiHandlers, FeedbackMethod> {
  const article = (id: number): FeedbackArticle => lib().articleRef({ id });
  return {
    markResult: (req, call) => store().mark(appOf(call), {
      query: req.query, article: article(req.articleId), mark: req.mark, source: req.source, versionId: servedVersion(), preset: req.preset ?? null, rank: req.rank ?? null,
    }),
    markNothingHere: (req, call) => store().nothingHere(appOf(call), {
      query: req.query, shown: req.shown.map(article), source: req.source, versionId: servedVersion(), preset: req.preset ?? null,
    }),
    feedback: (req, call) => store().list(ownerOf(call), req),
    updateFeedback: (req, call) => store().update(ownerOf(call), req.id, req.mark),
    deleteFeedback: (req, call) => {
      store().delete(ownerOf(call), req.id);
      return { deleted: req.id };
    },
    failureCases: (req, call) => store().failureCases(ownerOf(call), req.limit),
    addFailureArticle: (req, call) => store().mark(appOf(call), {
      query: req.query, article: lib().articleRef({ citation: req.citation }), mark: 'relevant', source: 'curation', versionId: null,
    }),
    exportFeedback: (_req, call) => {
      const items = store().all(ownerOf(call));
      const day = new Date().toISOString().slice(0, 10);
      return { filename: `lexbone-feedback-${day}.jsonl`, mimeType: 'application/x-ndjson; charset=utf-8', base64: Buffer.from(toJsonl(items), 'utf8').toString('base64') };
    },
    importFeedback: (req, call) => {
      const parsed = parseJsonl(req.text);
      if (parsed.errors.length) return { lines: parsed.lines, added: 0, updated: 0, errors: parsed.errors.slice(0, 100) };
      if (!parsed.lines) throw createError('INVALID_REQUEST', 'the file holds no feedback lines');
      // A keyed application imports into its own feedback, whatever the file says.
      const items = call?.caller === undefined ? parsed.items : parsed.items.map((it) => ({ ...it, app: call.caller! }));
      return { lines: parsed.lines, ...store().writeAll(items), errors: [] };
    },
  };
}

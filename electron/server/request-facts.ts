/**
 * What metrics and the audit log read from one API call: its method (a known one, for bounded
 * label values), the calling application, the budget asked for or served, how many results came
 * back, whether the answer was degraded, the query text. Read-only views of the request and answer.
 */
import type { Result } from '../contract/errors';
import { isApiMethod } from '../contract/dispatch';
import type { RequestContext } from './middleware';

/** The methods that use inference and go through the admission queue (embed / rerank: API v1; contextPack searches). */
export const INFERENCE_METHODS: ReadonlySet<string> = new Set(['search', 'startResearch', 'embed', 'rerank', 'contextPack']);

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const PRESETS = new Set(['quick', 'standard', 'research']);

/** The method as a metric label: a contract method, or 'unknown' (never the raw path). */
export const methodLabel = (method: string): string => (isApiMethod(method) || INFERENCE_METHODS.has(method) ? method : 'unknown');

/** The calling application (set by the keys middleware), or 'local' when the call carries no key. */
export const applicationOf = (ctx: RequestContext): string => ctx.caller?.name ?? 'local';

export interface BudgetFacts {
  preset: string | null;
  k: number | null;
  n: number | null;
}

/** The budget served (a search answer says) or asked for; null for methods without one. */
export function budgetOf(method: string, body: unknown, result: Result<unknown> | null): BudgetFacts | null {
  if (method !== 'search' && method !== 'startResearch' && method !== 'rerank' && method !== 'contextPack') return null;
  const served = result?.ok ? record(record(result.value).budget) : {};
  if (served.k !== undefined) return { preset: typeof served.preset === 'string' ? served.preset : null, k: int(served.k), n: int(served.n) };
  const b = record(body);
  const preset = typeof b.preset === 'string' && PRESETS.has(b.preset) ? b.preset : null;
  const k = int(b.k);
  const n = int(b.n);
  if (method === 'startResearch') return { preset: k === null && n === null ? 'research' : null, k, n };
  return { preset: preset ?? (k === null && n === null ? 'default' : null), k, n };
}

/** The preset label of a latency histogram: the preset, 'custom' for explicit K/N, 'none' for other methods. */
export function presetLabel(method: string, body: unknown, result: Result<unknown> | null): string {
  const b = budgetOf(method, body, result);
  return b ? (b.preset ?? 'custom') : 'none';
}

/** How many results an answer holds (hits, vectors, scores), or null. */
export function resultCount(result: Result<unknown>): number | null {
  if (!result.ok) return null;
  const v = result.value;
  if (Array.isArray(v)) return v.length;
  const r = record(v);
  for (const key of ['hits', 'results', 'vectors', 'embeddings', 'scores', 'articles']) if (Array.isArray(r[key])) return (r[key] as unknown[]).length;
  return null;
}

/** Why an answer was degraded (a stage skipped or failed), or null. */
export function degradedOf(result: Result<unknown>): string | null {
  if (!result.ok) return null;
  const d = record(result.value).degraded;
  return typeof d === 'string' && d ? d : null;
}

/** Which inference stages failed in a degraded answer (the pipeline's notes say "… failed (…)"). */
export function failedStages(degraded: string | null): ('dense' | 'rerank')[] {
  if (!degraded) return [];
  const out: ('dense' | 'rerank')[] = [];
  if (degraded.includes('dense retrieval failed')) out.push('dense');
  if (degraded.includes('reranking failed')) out.push('rerank');
  return out;
}

/** The query text of a call (search / research / rerank: `query`; embed: `text` or `texts`), or null. */
export function queryTextOf(body: unknown): string | string[] | null {
  const b = record(body);
  if (typeof b.query === 'string') return b.query;
  if (typeof b.text === 'string') return b.text;
  if (Array.isArray(b.texts) && b.texts.every((t) => typeof t === 'string')) return b.texts as string[];
  return null;
}

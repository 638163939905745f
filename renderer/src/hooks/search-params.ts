/**
 * The search as it lives in the URL: `#/search?q=…&preset=…&category=…&law=…&versions=all` or
 * `…&asOf=2010-01-01`, so that a reload or Back from an article restores it. Pure functions.
 */
import type { ApiRequest } from '../../../electron/contract/api';
import type { PresetName } from '../../../electron/contract/types';
import { href } from './use-route';

export const PRESET_NAMES: readonly PresetName[] = ['quick', 'standard', 'research'];
export const DEFAULT_PRESET: PresetName = 'standard';
export const RESULT_LIMIT = 20;

export interface SearchParams {
  q: string;
  preset: PresetName;
  category: string | null;
  /** A law's title or short title. */
  law: string | null;
  /** Current law only, or every version. Ignored when asOf is set. */
  versions: 'current' | 'all';
  /** YYYY-MM-DD: each law as in force on that day. */
  asOf: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseSearchParams(query: URLSearchParams): SearchParams {
  const preset = query.get('preset');
  const asOf = query.get('asOf');
  return {
    q: (query.get('q') ?? '').trim(),
    preset: PRESET_NAMES.includes(preset as PresetName) ? (preset as PresetName) : DEFAULT_PRESET,
    category: query.get('category') || null,
    law: query.get('law')?.trim() || null,
    versions: query.get('versions') === 'all' ? 'all' : 'current',
    asOf: asOf && isIsoDate(asOf) ? asOf : null,
  };
}

/** The URL query for `p`, leaving defaults out. */
export function searchQuery(p: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.q) out.q = p.q;
  if (p.preset !== DEFAULT_PRESET) out.preset = p.preset;
  if (p.category) out.category = p.category;
  if (p.law) out.law = p.law;
  if (p.asOf) out.asOf = p.asOf;
  else if (p.versions === 'all') out.versions = 'all';
  return out;
}

function searchHref(p: SearchParams): string {
  return href('search', [], searchQuery(p));
}

/** Goes to the search `p` (a new history entry, so Back returns to the previous search). */
export function goToSearch(p: SearchParams): void {
  const next = searchHref(p);
  if (window.location.hash !== next) window.location.hash = next;
}

/**
 * The search request for `p` (null when there is no query). `limit` is the preset's N, so a budget
 * K → N shows N results (a larger limit would widen N).
 */
export function searchRequest(p: SearchParams, limit: number = RESULT_LIMIT): ApiRequest<'search'> | null {
  if (!p.q) return null;
  return {
    query: p.q,
    limit: Math.max(1, Math.min(200, limit)),
    preset: p.preset,
    ...(p.category ? { category: p.category } : {}),
    ...(p.law ? { law: p.law } : {}),
    ...(p.asOf ? { asOf: p.asOf } : { includeSuperseded: p.versions === 'all' }),
  };
}

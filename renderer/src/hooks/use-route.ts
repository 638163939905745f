/**
 * Hash routing: `#/search`, `#/article/123`, `#/research`, `#/folders`, `#/folders/4`, `#/feedback`, `#/assistant`,
 * `#/models`, `#/eval`, `#/help`. The hash keeps the page across reloads (and a language switch) and works the same
 * from file:// in Electron and http:// in a browser. Unknown hashes fall back to the search.
 */
import { useEffect, useState } from 'react';

const PAGES = ['search', 'article', 'research', 'folders', 'feedback', 'assistant', 'models', 'eval', 'help'] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  /** Path segments after the page, e.g. ['123'] for #/article/123. */
  params: string[];
  /** The query string after `?`, e.g. q=… for #/search?q=… */
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const [first = '', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = (PAGES as readonly string[]).includes(first) ? (first as Page) : 'search';
  return { page, params: page === first ? params : [], query: new URLSearchParams(search) };
}

/** The hash for a page, e.g. href('article', [12]) → '#/article/12'. */
export function href(page: Page, params: (string | number)[] = [], query?: Record<string, string>): string {
  const path = [page, ...params.map((p) => encodeURIComponent(String(p)))].join('/');
  const qs = query ? new URLSearchParams(query).toString() : '';
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(page: Page, params: (string | number)[] = [], query?: Record<string, string>): void {
  window.location.hash = href(page, params, query);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

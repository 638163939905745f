/**
 * The search the shown results belong to, for actions inside a result: pinning records the query
 * (and marks the article relevant for it), the feedback buttons mark results for it.
 */
import { createContext, useContext } from 'react';
import type { PresetName } from '../../../electron/contract/types';

export interface ServedSearch {
  query: string;
  preset: PresetName | null;
  /** Where the marks are given: a result list, a research run, or the page of an article opened from one. */
  source: 'search' | 'research' | 'article';
}

export const SearchQueryContext = createContext<ServedSearch>({ query: '', preset: null, source: 'search' });

export function useServedSearch(): ServedSearch {
  return useContext(SearchQueryContext);
}

export function useSearchQuery(): string {
  return useContext(SearchQueryContext).query;
}

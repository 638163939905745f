/** The query the shown results belong to, for actions inside a result (pinning records it). */
import { createContext, useContext } from 'react';

export const SearchQueryContext = createContext('');

export function useSearchQuery(): string {
  return useContext(SearchQueryContext);
}

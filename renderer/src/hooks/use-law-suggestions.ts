/**
 * Law names for an autocomplete: the `laws` API's matches for `prefix`, asked for after a short
 * pause in typing; each new prefix aborts the request before it, so only the latest answer shows.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { LawSummary } from '../../../electron/contract/types';
import { isAborted } from '../api/api-error';

const SUGGEST_DEBOUNCE_MS = 150;
const SUGGEST_LIMIT = 8;

export function useLawSuggestions(api: Api, prefix: string | null): LawSummary[] {
  const [items, setItems] = useState<LawSummary[]>([]);
  useEffect(() => {
    if (!prefix) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.laws({ prefix, limit: SUGGEST_LIMIT }, { signal: controller.signal }).then(
        (laws) => {
          if (!controller.signal.aborted) setItems(laws);
        },
        (e: unknown) => {
          // A failed suggestion list is not worth an error banner: the search itself will say what is wrong.
          if (!isAborted(e) && !controller.signal.aborted) setItems([]);
        },
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, prefix]);
  return prefix ? items : [];
}

/**
 * The part of a search box text that looks like a law name: a leading run of Chinese (in 《》 or
 * not) up to 第, 》 or a space, e.g. 劳动合同 in 劳动合同, 民法典 in 民法典第584条. Null for short or
 * non-Chinese text.
 */
export function lawNameAt(text: string): { name: string; start: number; end: number } | null {
  const m = /^(\s*《?)([\u4e00-\u9fff（）()、]{2,40}?)(?=第|》|\s|$)/.exec(text);
  if (!m) return null;
  const start = m[1]!.length;
  return { name: m[2]!, start, end: start + m[2]!.length };
}

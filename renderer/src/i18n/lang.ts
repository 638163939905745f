/**
 * The UI language: Chinese by default, English selectable. The choice is kept in localStorage, and
 * every string table made with `localized` reads the current language on each access, so a
 * re-render after `setLang` shows the other language everywhere.
 */
export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];
const STORAGE_KEY = 'lexbone.lang';

function stored(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = stored();
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

/** BCP 47 tag for Intl formatting and <html lang>. */
export function locale(l: Lang = current): string {
  return l === 'en' ? 'en-GB' : 'zh-CN';
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale(next);
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * A string table in both languages, read through a proxy so `T.key` always gives the current
 * language's entry. The English table must have exactly the Chinese table's keys and types.
 */
export function localized<T extends object>(tables: { zh: T; en: NoInfer<T> }): T {
  return new Proxy(tables.zh, {
    get: (_target, key) => (tables[current] as Record<string | symbol, unknown>)[key],
  });
}

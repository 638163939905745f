/**
 * A sentence in both of the UI's languages. Error templates take one where a caller supplies the
 * reason in words (why a path is refused, what is wrong on a line), so the Chinese message has no
 * English clause in it. Technical details that come from elsewhere (a JSON parser's message, a
 * native library's error) stay plain strings and are shown as they are in both languages.
 */
export interface Said {
  readonly en: string;
  readonly zh: string;
}

export type Lang = keyof Said;

/** A reason in words, or a technical detail shown as it is. */
export type Detail = string | Said;

export const said = (en: string, zh: string): Said => ({ en, zh });

export function sayIn(lang: Lang, d: Detail): string {
  return typeof d === 'string' ? d : d[lang];
}

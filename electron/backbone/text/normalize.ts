/** Normalisation of law titles so that user input, STARD names and stored titles compare equal. */

const PRC_PREFIX = '中华人民共和国';

const BRACKETS: Record<string, string> = { '(': '（', ')': '）', '[': '〔', ']': '〕', '<': '〈', '>': '〉' };

/** Full-width brackets, no spaces, no book-title marks. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[()[\]<>]/g, (c) => BRACKETS[c] ?? c)
    .replace(/[《》\s\u3000]/g, '')
    .trim();
}

/** Title for display without the 中华人民共和国 prefix: 民法典, 劳动合同法. */
export function shortTitle(title: string): string {
  const t = title.trim();
  return t.startsWith(PRC_PREFIX) && t.length > PRC_PREFIX.length ? t.slice(PRC_PREFIX.length) : t;
}

/**
 * The key laws are identified and looked up by: normalised, with 中华人民共和国 removed wherever it
 * stands, so 《中华人民共和国民法典》 inside a judicial interpretation's title matches STARD's 《民法典》.
 */
export function lawKey(name: string): string {
  const t = normalizeTitle(name);
  const stripped = t.split(PRC_PREFIX).join('');
  return stripped === '' ? t : stripped;
}

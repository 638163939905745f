import { createError } from '../../contract/errors';
import { ARTICLE_LINE_RE, parseArticleLabel } from '../text/citation';
import type { ParsedArticle, ParsedLaw } from '../store/parsed-law';
import { said } from '../../contract/said';

/**
 * Parses one law file in the laws-cn markdown format:
 *   optional front matter, `# title`, optional `# part` (a Civil Code book), dated history lines,
 *   `<!-- INFO END -->`, then `##`…`######` headings and articles starting a line with 第X条 / 第X条之Y.
 * Throws NO_ARTICLES or DUPLICATE_ARTICLE naming the file and line.
 */
export function parseLawMarkdown(text: string, opts: { file: string; category: string; fileDate?: string | null }): ParsedLaw {
  const lines = text.split(/\r?\n/);
  let i = 0;
  if (lines[0]?.trim() === '---') {
    i = 1;
    while (i < lines.length && lines[i]!.trim() !== '---') i++;
    i++;
  }
  const titles: string[] = [];
  const history: string[] = [];
  const hasInfoEnd = lines.some((l) => l.trim() === '<!-- INFO END -->');
  // Header: titles and history lines up to the INFO END marker (or the first heading / article).
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '<!-- INFO END -->') {
      i++;
      break;
    }
    if (!hasInfoEnd && (/^#{2,}\s/.test(line) || ARTICLE_LINE_RE.test(line))) break;
    if (/^#\s/.test(line)) titles.push(line.replace(/^#\s+/, '').trim());
    else if (line !== '') history.push(line);
  }
  if (titles.length === 0) throw createError('MALFORMED_RECORD', opts.file, 1, said('no "# title" line found.', '未找到“# 标题”行。'));

  const part = titles[1] ?? null;
  const articles: ParsedArticle[] = [];
  const headings: string[] = [];
  const seen = new Map<string, number>();
  let current: ParsedArticle | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const heading = /^(#{2,6})\s+(.*)$/.exec(line);
    if (heading) {
      const depth = heading[1]!.length - 2;
      headings.length = depth;
      headings[depth] = heading[2]!.replace(/[\s\u3000]+/g, ' ').trim();
      current = null;
      continue;
    }
    const m = ARTICLE_LINE_RE.exec(line);
    if (m) {
      const label = m[1]!;
      const num = parseArticleLabel(label);
      if (!num) throw createError('MALFORMED_RECORD', opts.file, i + 1, said(`${label} is not an article number (articles are numbered from 第一条). Correct the number, or start the line with other text.`, `${label}不是有效的条文序号（条文从第一条起编号）。请更正序号，或让该行以其他文字开头。`));
      // By number, not spelling: 第54条 and 第五十四条 are the same article.
      const key = `${num.number}.${num.sub}`;
      const first = seen.get(key);
      if (first !== undefined) throw createError('DUPLICATE_ARTICLE', opts.file, i + 1, label, titles[0]!, first);
      seen.set(key, i + 1);
      const path = [...(part ? [part] : []), ...headings.filter((h) => h !== undefined)];
      current = { label, number: num.number, sub: num.sub, path, text: line.slice(m[0].length).trim(), line: i + 1 };
      articles.push(current);
    } else if (current) {
      current.text += '\n' + line;
    }
  }
  if (articles.length === 0) throw createError('NO_ARTICLES', opts.file);
  return {
    title: titles[0]!,
    part,
    category: opts.category,
    versionDate: opts.fileDate ?? latestHistoryDate(history),
    history,
    articles,
    source: opts.file,
  };
}

/** The date in a file name such as 劳动合同法(2012-12-28).md. */
export function dateFromFileName(name: string): string | null {
  const m = /[(（](\d{4}-\d{2}-\d{2})[)）]\.md$/i.exec(name);
  return m ? m[1]! : null;
}

/** Latest 2012年12月28日-style date in the history lines, as YYYY-MM-DD. */
function latestHistoryDate(history: string[]): string | null {
  let best: string | null = null;
  for (const line of history) {
    for (const m of line.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)) {
      const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      if (best === null || d > best) best = d;
    }
  }
  return best;
}

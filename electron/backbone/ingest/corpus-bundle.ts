import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createError } from '../../contract/errors';
import { parseArticleLabel } from '../text/citation';
import { checkUtf8 } from './read-source';
import type { ParsedLaw } from '../store/parsed-law';
import { said, type Said } from '../../contract/said';

/**
 * The bundled corpus: gzip'd JSON lines. Line 1 is a header; each further line is one law (or law
 * part) already parsed, so the app imports it without re-parsing markdown.
 *   {"format":"lexbone-corpus","version":1,"laws":N,"articles":M,"source":"…"}
 *   {"t":title,"p":part|null,"c":category,"d":date|null,"h":[history],"s":source,"a":[[label,number,sub,[path],text],…]}
 */
const BUNDLE_FORMAT = 'lexbone-corpus';
const BUNDLE_VERSION = 1;

type ArticleTuple = [string, number, number, string[], string];
interface LawLine {
  t: string;
  p: string | null;
  c: string;
  d: string | null;
  h: string[];
  s: string;
  a: ArticleTuple[];
}

export function isBundlePath(path: string): boolean {
  return /\.jsonl\.gz$/i.test(path);
}

export function writeBundle(path: string, laws: ParsedLaw[], source: string): { bytes: number; articles: number } {
  const articles = laws.reduce((n, l) => n + l.articles.length, 0);
  const header = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, laws: laws.length, articles, source };
  const lines = [JSON.stringify(header)];
  for (const l of laws) {
    const line: LawLine = {
      t: l.title, p: l.part, c: l.category, d: l.versionDate, h: l.history, s: l.source,
      a: l.articles.map((a) => [a.label, a.number, a.sub, a.path, a.text]),
    };
    lines.push(JSON.stringify(line));
  }
  const gz = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
  writeFileSync(path, gz);
  return { bytes: gz.length, articles };
}

/** A corpus unpacks to at most this much text (a gzip bomb is refused, not unpacked into memory). */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** What is wrong with one article tuple [label, number, sub, [path], text], or null. */
function articleProblem(a: unknown, k: number): Said | null {
  const n = k + 1;
  if (!Array.isArray(a) || a.length !== 5) return said(`article ${n} is not [label, number, sub, [path], text].`, `第 ${n} 个条文不是 [label, number, sub, [path], text] 形式。`);
  const [label, number, sub, path, text] = a as unknown[];
  if (!isString(label) || !parseArticleLabel(label)) {
    return said(`article ${n}: ${JSON.stringify(label)} is not an article label such as 第五十四条.`, `第 ${n} 个条文：${JSON.stringify(label)} 不是“第五十四条”这样的条文序号。`);
  }
  if (!isCount(number) || number === 0 || !isCount(sub)) return said(`article ${n} (${label}): its number and sub-number must be whole numbers.`, `第 ${n} 个条文（${label}）：序号和子序号必须是整数。`);
  if (!Array.isArray(path) || !path.every(isString)) return said(`article ${n} (${label}): its path must be a list of headings.`, `第 ${n} 个条文（${label}）：路径必须是标题列表。`);
  if (!isString(text) || text.trim() === '') return said(`article ${n} (${label}) has no text.`, `第 ${n} 个条文（${label}）没有正文。`);
  return null;
}

/** What is wrong with one law line, or null. */
function lawProblem(l: unknown): Said | null {
  if (typeof l !== 'object' || l === null || Array.isArray(l)) return said('a law line must be a JSON object {t, p, c, d, h, s, a}.', '每一行法律须为 JSON 对象 {t, p, c, d, h, s, a}。');
  const law = l as Partial<Record<keyof LawLine, unknown>>;
  if (!isString(law.t) || law.t.trim() === '') return said('a law needs a title ("t").', '法律须有标题（"t"）。');
  const t = law.t;
  const of = (en: string, zh: string) => said(`${t}: ${en}`, `${t}：${zh}`);
  if (!Array.isArray(law.a) || law.a.length === 0) return of('a law needs at least one article ("a").', '法律须至少有一个条文（"a"）。');
  if (law.p != null && !isString(law.p)) return of('the part ("p") must be text or null.', '编（"p"）须为文本或 null。');
  if (law.d != null && !(isString(law.d) && /^\d{4}-\d{2}-\d{2}$/.test(law.d))) return of('the date ("d") must be YYYY-MM-DD or null.', '日期（"d"）须为 YYYY-MM-DD 或 null。');
  if (law.c !== undefined && !isString(law.c)) return of('the category ("c") must be text.', '类别（"c"）须为文本。');
  if (law.s !== undefined && !isString(law.s)) return of('the source ("s") must be text.', '来源（"s"）须为文本。');
  if (law.h !== undefined && !(Array.isArray(law.h) && law.h.every(isString))) return of('the history ("h") must be a list of lines.', '沿革（"h"）须为文本行的列表。');
  for (let k = 0; k < law.a.length; k++) {
    const problem = articleProblem(law.a[k], k);
    if (problem) return of(problem.en, problem.zh);
  }
  return null;
}

/**
 * gunzip's output chunk: the unpacked size the gzip trailer states (mod 2³², at most 64 MB), so the
 * corpus unpacks into one buffer. With the default 16 KB chunks it came out as thousands of small
 * buffers, then copied into one: twice the corpus in memory, and the small ones left the
 * allocator's heap fragmented (resident) after they were freed. A wrong trailer only costs memory.
 */
function unpackedSizeHint(packed: Buffer): number {
  const stated = packed.length >= 18 ? packed.readUInt32LE(packed.length - 4) : 0;
  return Math.min(64 * 1024 * 1024, Math.max(64 * 1024, stated + 1));
}

export function readBundle(path: string, display: string): ParsedLaw[] {
  let bytes: Buffer;
  try {
    const packed = readFileSync(path);
    bytes = gunzipSync(packed, { maxOutputLength: MAX_UNPACKED_BYTES, chunkSize: unpackedSizeHint(packed) });
  } catch (e) {
    throw createError('MALFORMED_RECORD', display, 1, said(`not a gzip'd Lexbone corpus (${(e as Error).message}).`, '不是 gzip 压缩的 Lexbone 语料包。'));
  }
  checkUtf8(bytes, display);
  // Lines are decoded one at a time: the unpacked corpus is never also held as one string (the
  // strings parsed from a line point into that line, so a whole-file string lived as long as the
  // parsed laws: ≈ 30 MB more through the import for the bundled corpus).
  let from = 0;
  const nextLine = (): string | null => {
    if (from >= bytes.length) return null;
    let end = bytes.indexOf(0x0a, from);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', from, end);
    from = end + 1;
    return line;
  };
  let header: { format?: string; version?: number };
  try {
    header = JSON.parse((nextLine() ?? '').replace(/^\uFEFF/, ''));
  } catch {
    header = {};
  }
  if (header.format !== BUNDLE_FORMAT) throw createError('MALFORMED_RECORD', display, 1, said('missing the lexbone-corpus header.', '缺少 lexbone-corpus 文件头。'));
  if (header.version !== BUNDLE_VERSION) {
    throw createError('MALFORMED_RECORD', display, 1, said(`corpus version ${header.version} is not supported (expected ${BUNDLE_VERSION}).`, `不支持语料包版本 ${header.version}（应为 ${BUNDLE_VERSION}）。`));
  }
  const laws: ParsedLaw[] = [];
  for (let i = 1, line = nextLine(); line !== null; i++, line = nextLine()) {
    if (line === '') continue;
    let l: LawLine;
    try {
      l = JSON.parse(line) as LawLine;
    } catch (e) {
      throw createError('MALFORMED_RECORD', display, i + 1, said(`not valid JSON (${(e as Error).message}).`, '不是有效的 JSON。'));
    }
    const problem = lawProblem(l);
    if (problem) throw createError('MALFORMED_RECORD', display, i + 1, problem);
    laws.push({
      title: l.t, part: l.p ?? null, category: l.c ?? '导入', versionDate: l.d ?? null, history: l.h ?? [], source: l.s ?? display, readFrom: display,
      articles: l.a.map(([label, number, sub, path, text]) => ({ label, number, sub, path, text, line: i + 1 })),
    });
  }
  return laws;
}

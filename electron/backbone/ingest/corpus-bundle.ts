import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createError } from '../../contract/errors';
import type { ParsedLaw } from './types';

/**
 * The bundled corpus: gzip'd JSON lines. Line 1 is a header; each further line is one law (or law
 * part) already parsed, so the app imports it without re-parsing markdown.
 *   {"format":"lexbone-corpus","version":1,"laws":N,"articles":M,"source":"…"}
 *   {"t":title,"p":part|null,"c":category,"d":date|null,"h":[history],"s":source,"a":[[label,number,sub,[path],text],…]}
 */
export const BUNDLE_FORMAT = 'lexbone-corpus';
export const BUNDLE_VERSION = 1;

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

export function readBundle(path: string, display: string): ParsedLaw[] {
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (e) {
    throw createError('MALFORMED_RECORD', display, 1, `not a gzip'd Lexbone corpus (${(e as Error).message}).`);
  }
  const lines = text.split('\n');
  let header: { format?: string; version?: number };
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    header = {};
  }
  if (header.format !== BUNDLE_FORMAT) throw createError('MALFORMED_RECORD', display, 1, 'missing the lexbone-corpus header.');
  if (header.version !== BUNDLE_VERSION) {
    throw createError('MALFORMED_RECORD', display, 1, `corpus version ${header.version} is not supported (expected ${BUNDLE_VERSION}).`);
  }
  const laws: ParsedLaw[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    let l: LawLine;
    try {
      l = JSON.parse(lines[i]!) as LawLine;
    } catch (e) {
      throw createError('MALFORMED_RECORD', display, i + 1, `not valid JSON (${(e as Error).message}).`);
    }
    if (typeof l.t !== 'string' || !Array.isArray(l.a) || l.a.length === 0) {
      throw createError('MALFORMED_RECORD', display, i + 1, 'a law needs a title and at least one article.');
    }
    laws.push({
      title: l.t, part: l.p, category: l.c, versionDate: l.d, history: l.h, source: l.s,
      articles: l.a.map(([label, number, sub, path, text]) => ({ label, number, sub, path, text, line: i + 1 })),
    });
  }
  return laws;
}

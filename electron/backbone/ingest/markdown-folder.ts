import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { createError, LexboneError } from '../../contract/errors';
import { dateFromFileName, parseLawMarkdown } from './markdown';
import { readSourceText } from './read-source';
import type { ProgressFn, SkippedFile } from './types';
import type { ParsedLaw } from '../store/parsed-law';

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdown(full));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md') && entry.name !== '_index.md') out.push(full);
  }
  return out;
}

/** Category of a file: the first folder under the import root, or the root's own name. */
function categoryOf(root: string, file: string): string {
  const rel = relative(root, dirname(file));
  return rel === '' ? basename(root) : rel.split(sep)[0]!;
}

/**
 * The parts of a multi-file law without dates in their file names (the Civil Code's books) are
 * one version: give them all the latest date found in any part's history, so one book with a
 * shorter history does not become a separate "version".
 */
function alignPartDates(laws: ParsedLaw[], enabled: boolean): void {
  if (!enabled) return;
  const latest = new Map<string, string>();
  const undatedParts = laws.filter((l) => l.part !== null && !dateFromFileName(basename(l.source)));
  for (const l of undatedParts) {
    const d = l.versionDate ?? '';
    if (d > (latest.get(l.title) ?? '')) latest.set(l.title, d);
  }
  for (const l of undatedParts) l.versionDate = latest.get(l.title) || l.versionDate;
}

/**
 * Reads a folder of laws in the laws-cn markdown layout (category folders, one file per law
 * version, multi-file laws such as the Civil Code). Files without articles are skipped and
 * reported; a malformed file (bad encoding, duplicate labels, too large) fails the whole source.
 */
export function readMarkdownFolder(root: string, onProgress?: ProgressFn): { laws: ParsedLaw[]; skipped: SkippedFile[] } {
  const files = statSync(root).isDirectory() ? listMarkdown(root) : [root];
  const base = statSync(root).isDirectory() ? root : dirname(dirname(root));
  const laws: ParsedLaw[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  files.forEach((file, i) => {
    const display = relative(process.cwd(), file) || file;
    const text = readSourceText(file, display);
    try {
      const law = parseLawMarkdown(text, {
        file: display,
        category: categoryOf(base, file),
        fileDate: dateFromFileName(basename(file)),
      });
      const key = `${law.title}|${law.versionDate ?? ''}|${law.part ?? ''}`;
      const first = seen.get(key);
      if (first) skipped.push({ file: display, reason: `same law version as ${first}` });
      else {
        seen.set(key, display);
        laws.push(law);
      }
    } catch (e) {
      if (e instanceof LexboneError && e.code === 'NO_ARTICLES') skipped.push({ file: display, reason: 'no articles found (no line starts with 第X条)' });
      else throw e;
    }
    onProgress?.('reading', i + 1, files.length);
  });
  if (laws.length === 0) throw createError('NO_ARTICLES', relative(process.cwd(), root) || root);
  alignPartDates(laws, files.length > 1);
  return { laws, skipped };
}

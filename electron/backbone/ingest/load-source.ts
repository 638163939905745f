import { statSync } from 'node:fs';
import { extname, relative } from 'node:path';
import { createError } from '../../contract/errors';
import { isBundlePath, readBundle } from './corpus-bundle';
import { parseLawCsv } from './csv';
import { parseStardJsonl } from './jsonl';
import { readMarkdownFolder } from './markdown-folder';
import { checkSourceSize, readSourceText } from './read-source';
import type { ProgressFn, SkippedFile } from './types';
import type { ParsedLaw } from '../store/parsed-law';

export interface LoadedSource {
  laws: ParsedLaw[];
  skipped: SkippedFile[];
}

/** Reads any supported source into parsed laws, without touching the store. */
export function loadSource(path: string, opts: { category?: string; onProgress?: ProgressFn } = {}): LoadedSource {
  const display = relative(process.cwd(), path) || path;
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw createError('FILE_NOT_FOUND', display);
  }
  if (isDir || extname(path).toLowerCase() === '.md') return readMarkdownFolder(path, opts.onProgress);
  if (isBundlePath(path)) {
    checkSourceSize(path, display);
    return { laws: readBundle(path, display), skipped: [] };
  }
  switch (extname(path).toLowerCase()) {
    case '.jsonl':
      return { laws: parseStardJsonl(readSourceText(path, display), display, opts.category ?? '导入'), skipped: [] };
    case '.csv':
      return { laws: parseLawCsv(readSourceText(path, display), display, opts.category ?? '导入'), skipped: [] };
    default:
      throw createError('UNSUPPORTED_FORMAT', display);
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ImportReport } from '../contract/types';
import { Library } from '../backbone/library';
import { BUNDLED_CORPUS, defaultDbPath } from '../backbone/paths';
import { progressLine } from './progress-line';

/** Imports a source with a progress line on stderr. */
export function runImport(lib: Library, path: string, category: string | undefined): ImportReport {
  const progress = progressLine(process.stderr);
  try {
    return lib.import(path, { category, onProgress: (p, d, t) => progress.update(p, d, t) });
  } finally {
    progress.done();
  }
}

/** A fresh library gets the bundled statutes before its first search, with a progress line. */
export function ensureCorpus(lib: Library): void {
  if (!lib.isEmpty() || !existsSync(BUNDLED_CORPUS)) return;
  process.stderr.write('First run: importing the bundled statutes…\n');
  runImport(lib, BUNDLED_CORPUS, undefined);
}

/** The library at `db` (default: the user's), created with the bundled statutes if it is new. */
export function openLibraryWithCorpus(db: string | undefined): Library {
  const path = resolve(db ?? defaultDbPath());
  mkdirSync(dirname(path), { recursive: true });
  const lib = new Library(path);
  ensureCorpus(lib);
  return lib;
}

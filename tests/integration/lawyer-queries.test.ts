import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { loadStardQueries } from '../../electron/backbone/eval/stard-queries';
import { ROOT } from '../helpers/run-cli';
import { BUNDLED_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * The lawyer-style validation set (resources/evaluation/lawyer-queries.json) stays true to the
 * bundled statutes: every answer names an article of a law version in force, by the law's exact
 * title, and each area of law keeps enough queries to measure.
 */
const FILE = join(ROOT, 'resources', 'evaluation', 'lawyer-queries.json');
const AREAS = ['civil', 'criminal', 'administrative', 'labour', 'company', 'ip', 'procedure'] as const;
const KINDS = ['crime-name', 'doctrine', 'term-of-art', 'elements', 'time-limit', 'keywords'] as const;

interface LawyerQuery {
  query_id: string;
  问题: string;
  match_name: string[];
  area: string;
  kind: string;
}

const tempDir = useTempDirs('all');
let lib: Library;
const queries = JSON.parse(readFileSync(FILE, 'utf8')) as LawyerQuery[];

beforeAll(() => {
  lib = new Library(join(tempDir(), 'lexbone.db'));
  lib.import(BUNDLED_CORPUS);
}, 180_000);
afterAll(() => lib?.close());

describe('the lawyer query set', () => {
  it('is a JSON array of well-formed records with unique ids', () => {
    expect(Array.isArray(queries)).toBe(true);
    const ids = queries.map((q) => q.query_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of queries) {
      expect(q.query_id, JSON.stringify(q)).toMatch(/^L\d{3}$/);
      expect(typeof q['问题'], q.query_id).toBe('string');
      expect(q['问题'].trim().length, q.query_id).toBeGreaterThan(0);
      expect(AREAS, q.query_id).toContain(q.area);
      expect(KINDS, q.query_id).toContain(q.kind);
      expect(Array.isArray(q.match_name), q.query_id).toBe(true);
      expect(q.match_name.length, q.query_id).toBeGreaterThanOrEqual(1);
      expect(q.match_name.length, q.query_id).toBeLessThanOrEqual(3);
      expect(new Set(q.match_name).size, q.query_id).toBe(q.match_name.length);
      if (q.kind === 'crime-name') expect(q.area, q.query_id).toBe('criminal');
    }
    const texts = queries.map((q) => q['问题'].trim());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('has at least 160 queries and at least 20 in each area', () => {
    expect(queries.length).toBeGreaterThanOrEqual(160);
    for (const area of AREAS) {
      expect(queries.filter((q) => q.area === area).length, area).toBeGreaterThanOrEqual(20);
    }
  });

  it('names, by exact title and label, an article of a law version in force for every answer', () => {
    const search = lib.searchService;
    const problems: string[] = [];
    for (const q of queries) {
      for (const name of q.match_name) {
        const view = search.tryCitation(name);
        if (!view) {
          problems.push(`${q.query_id} ${name}: does not resolve`);
          continue;
        }
        // The exact stored title, not a near match the citation parser happens to accept.
        if (`${view.law.title}${view.label}` !== name) {
          problems.push(`${q.query_id} ${name}: resolves to ${view.citation}`);
        }
        if (view.law.status !== 'current') {
          problems.push(`${q.query_id} ${name}: law version ${view.law.versionDate} is ${view.law.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('loads through the evaluation loader with nothing unresolved', () => {
    const loaded = loadStardQueries(FILE, lib.searchService);
    expect(loaded).toHaveLength(queries.length);
    for (const q of loaded) {
      expect(q.unresolved, q.id).toEqual([]);
      expect(q.relevant.size, q.id).toBeGreaterThan(0);
    }
  });
});

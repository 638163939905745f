import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKBONE_LAYERS } from './backbone-layers';

/**
 * ARCHITECTURE.md stays true: every file it names exists, every name it puts in parentheses after
 * a file is in that file, and its rank table is the one the layering test enforces.
 */
const root = join(import.meta.dirname, '..', '..');
const map = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');

/** A path as the map writes it: from the root, or short, from electron/ or electron/backbone/. */
function resolveFile(named: string): string | null {
  for (const base of ['', 'electron/', 'electron/backbone/']) {
    const p = join(root, base, named);
    if (existsSync(p)) return p;
  }
  return null;
}

const FILE = /`([\w./-]+\.(?:tsx?|mjs))`/g;

describe('ARCHITECTURE.md', () => {
  it('names only files that exist', () => {
    const named = [...map.matchAll(FILE)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((f) => resolveFile(f) === null)).toEqual([]);
  });

  it('names only functions and classes that are in the file it names beside them', () => {
    // `file.ts` (`Name`…  and  `file.ts`: `name`, or `other`
    const pairs = [...map.matchAll(/`([\w./-]+\.tsx?)`(?: \(|: )`(\w+)`(?:[^`\n]*?(?:, or|or) `(\w+)`)?/g)].flatMap((m) =>
      [m[2], m[3]].filter((n): n is string => !!n).map((name) => ({ file: m[1]!, name })),
    );
    expect(pairs.length).toBeGreaterThanOrEqual(8);
    const missing = pairs.filter(({ file, name }) => {
      const p = resolveFile(file);
      return !p || !new RegExp(`\\b${name}\\b`).test(readFileSync(p, 'utf8'));
    });
    expect(missing).toEqual([]);
  });

  it('draws the rank table the layering test enforces', () => {
    const rows = [...map.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => ({
      rank: Number(m[1]),
      names: [...m[2]!.matchAll(/`([\w-]+)(?:\/|\.ts)`/g)].map((x) => x[1]!).sort(),
    }));
    expect(rows.map((r) => r.rank)).toEqual(BACKBONE_LAYERS.map((_, i) => i));
    expect(rows.map((r) => r.names)).toEqual(BACKBONE_LAYERS.map((names) => [...names].sort()));
  });

  it('the checks above see a wrong name', () => {
    expect(resolveFile('pipeline/no-such-file.ts')).toBeNull();
    expect(resolveFile('pipeline/pipeline.ts')).not.toBeNull();
  });
});

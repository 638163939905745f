import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule: the backbone is plain Node (no Electron, React or HTTP layer), the contract
 * has no Node or Electron, the renderer imports no Node, Electron or backbone code.
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
}

const RULES: { dir: string; forbidden: RegExp; why: string }[] = [
  { dir: 'electron/backbone', forbidden: /^(electron|react|react-dom)(\/|$)|\/server\/|\/main\/|\/preload\/|^node:https?$|^https?$/, why: 'backbone is plain Node' },
  { dir: 'electron/contract', forbidden: /^(node:|electron|react)|\/backbone\/|\/server\/|\/main\//, why: 'contract is transport-neutral types' },
  { dir: 'renderer', forbidden: /^(node:|electron|better-sqlite3)|\/backbone\/|\/server\/|\/main\/|\/preload\//, why: 'renderer runs in a browser' },
];

describe('layering', () => {
  for (const rule of RULES) {
    it(`${rule.dir}: ${rule.why}`, () => {
      const files = sources(rule.dir);
      expect(files.length).toBeGreaterThan(0);
      const offences = files.flatMap((f) => imports(f).filter((i) => rule.forbidden.test(i)).map((i) => `${f} imports ${i}`));
      expect(offences).toEqual([]);
    });
  }

  it('the rule itself catches an offending import', () => {
    expect(RULES[0]!.forbidden.test('electron')).toBe(true);
    expect(RULES[0]!.forbidden.test('../server/http-server')).toBe(true);
    expect(RULES[0]!.forbidden.test('node:http')).toBe(true);
    expect(RULES[0]!.forbidden.test('node:fs')).toBe(false);
    expect(RULES[2]!.forbidden.test('node:fs')).toBe(true);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKBONE_LAYERS } from './backbone-layers';

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
  { dir: 'electron/backbone', forbidden: /^(electron|react|react-dom)(\/|$)|\/server\/|\/main\/|\/preload\/|\/mcp\/|^node:https?$|^https?$/, why: 'backbone is plain Node' },
  { dir: 'electron/mcp', forbidden: /^(electron|react|react-dom)(\/|$)|^\.\.\/(server|main|preload|cli)\/|^node:https?$|^https?$/, why: 'the MCP server is a transport over the backbone, below the shells' },
  { dir: 'electron/contract', forbidden: /^(node:|electron|react)|\/backbone\/|\/server\/|\/main\//, why: 'contract is transport-neutral types' },
  { dir: 'renderer', forbidden: /^(node:|electron|better-sqlite3)|\/backbone\/|\/server\/|\/main\/|\/preload\//, why: 'renderer runs in a browser' },
];

const RANK = new Map(BACKBONE_LAYERS.flatMap((names, rank) => names.map((n) => [n, rank] as const)));
const BACKBONE = 'electron/backbone';

/** The layer of a backbone file: its folder, or its name for a top-level file. */
const layerOf = (file: string): string => {
  const parts = relative(BACKBONE, file).split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.tsx?$/, '');
};

/** Imports of backbone files that go up a layer or sideways between folders of one layer. */
function layerOffences(edges: readonly { from: string; to: string }[]): string[] {
  return edges.flatMap(({ from, to }) => {
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === b) return [];
    const ra = RANK.get(a);
    const rb = RANK.get(b);
    if (ra === undefined || rb === undefined) return [`${from} → ${to}: ${ra === undefined ? a : b} has no layer (add it to BACKBONE_LAYERS)`];
    return rb < ra ? [] : [`${from} → ${to}: ${a} (layer ${ra}) may not import ${b} (layer ${rb})`];
  });
}

function backboneEdges(): { from: string; to: string }[] {
  return sources(BACKBONE)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((from) =>
      imports(from)
        .filter((i) => i.startsWith('.'))
        .map((i) => ({ from, to: relative(root, join(root, from, '..', i)) }))
        .filter(({ to }) => to.startsWith(BACKBONE + '/')),
    );
}

describe('layering', () => {
  it('backbone folders import only from lower layers (no upward, sideways or circular imports)', () => {
    const edges = backboneEdges();
    expect(edges.length).toBeGreaterThan(300);
    expect(layerOffences(edges)).toEqual([]);
  });

  it('the layer rule itself refuses an upward, a sideways and an unplaced import, and allows a downward one', () => {
    const e = (from: string, to: string) => ({ from: `${BACKBONE}/${from}`, to: `${BACKBONE}/${to}` });
    expect(layerOffences([e('store/law-reader.ts', 'text/citation')])).toEqual([]);
    expect(layerOffences([e('store/citing-provisions.ts', 'search/snippet')])).toHaveLength(1);
    expect(layerOffences([e('search/lexical-search.ts', 'glossary/glossary-types')])).toHaveLength(1);
    expect(layerOffences([e('runtime/model-runtime.ts', 'library')])).toEqual([]);
    expect(layerOffences([e('eval/harness.ts', 'library')])).toHaveLength(1);
    expect(layerOffences([e('newfolder/x.ts', 'text/citation')])[0]).toContain('has no layer');
  });

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

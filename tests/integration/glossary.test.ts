import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGlossary, type TargetStatus } from '../../electron/backbone/glossary/check-glossary';
import { GlossaryMatcher } from '../../electron/backbone/glossary/glossary-matcher';
import type { GlossaryFile, GlossaryTarget } from '../../electron/backbone/glossary/glossary-types';
import { buildGlossary, formatGlossaryFile, nextVersion } from '../../electron/backbone/glossary/mine-glossary';
import { parseGlossaryFile } from '../../electron/backbone/glossary/parse-glossary';
import { readBundle } from '../../electron/backbone/ingest/corpus-bundle';
import { openDatabase } from '../../electron/backbone/store/open-database';
import { LawReader } from '../../electron/backbone/store/law-reader';
import { parseArticleLabel } from '../../electron/backbone/text/citation';
import { lawKey } from '../../electron/backbone/text/normalize';
import { ROOT, runCli } from '../helpers/run-cli';
import { BUNDLED_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * The shipped glossary against the bundled corpus, imported as the app imports it: every target
 * is an article in force, no name points two ways, the counts are what the README says, and the
 * file is exactly what scripts/build-glossary.ts builds.
 */
const GLOSSARY_DIR = join(ROOT, 'resources', 'glossary');
const read = (name: string): GlossaryFile => parseGlossaryFile(readFileSync(join(GLOSSARY_DIR, name), 'utf8'), name);
const shipped = read('glossary.json');
const handWritten = read('hand-written.json');

const tempDir = useTempDirs('all');
let db: Database;
let reader: LawReader;

beforeAll(() => {
  const path = join(tempDir(), 'glossary.db');
  const r = runCli(['import', BUNDLED_CORPUS, '--db', path, '--json']);
  expect(r.status, r.stderr).toBe(0);
  db = openDatabase(path, { readonly: true });
  reader = new LawReader(db);
}, 180_000);

afterAll(() => db?.close());

/** Where a target stands in the library: its law's current version has the article, only an older one does, or none. */
function resolve(t: GlossaryTarget): TargetStatus {
  const n = parseArticleLabel(t.label);
  const law = reader.findLaw(lawKey(t.law));
  if (!n || !law || lawKey(law.title) !== lawKey(t.law)) return 'missing';
  if (law.status === 'current' && reader.articleByNumber(law.id, n.number, n.sub)) return 'current';
  const versions = db.prepare('SELECT id FROM laws WHERE law_key = ?').all(lawKey(t.law)) as { id: number }[];
  return versions.some((v) => reader.articleByNumber(v.id, n.number, n.sub)) ? 'superseded' : 'missing';
}

describe('the shipped glossary', () => {
  it('has no problems: every target exists and is in force, no contradictions, no duplicates', () => {
    expect(checkGlossary(shipped.entries, resolve)).toEqual([]);
  });

  it('tells a missing target from one that is not in force', () => {
    expect(resolve({ law: '中华人民共和国民法典', label: '第五百二十七条' })).toBe('current');
    expect(resolve({ law: '中华人民共和国民法典', label: '第九千条' })).toBe('missing');
    // 会计法 had a 第五十二条 before its 2024 revision.
    expect(resolve({ law: '中华人民共和国会计法', label: '第五十二条' })).toBe('superseded');
    expect(resolve({ law: '中华人民共和国合同法', label: '第六十八条' })).toBe('missing');
  });

  it('has at least the counts the README claims, by provenance and by kind', () => {
    const readme = readFileSync(join(GLOSSARY_DIR, 'README.md'), 'utf8');
    const claims = new Map([...readme.matchAll(/^\| (hand-written|mined|firm|crime|doctrine|defined-term|term) \| (\d+) \|$/gm)].map((m) => [m[1]!, Number(m[2])]));
    expect([...claims.keys()].sort()).toEqual(['crime', 'defined-term', 'doctrine', 'firm', 'hand-written', 'mined', 'term']);
    for (const [name, claimed] of claims) {
      const actual = shipped.entries.filter((e) => e.kind === name || e.provenance.some((p) => p.source === name)).length;
      expect(actual, name).toBeGreaterThanOrEqual(claimed);
    }
  });

  it('is exactly what the build script mines from the bundled corpus and the hand-written entries', () => {
    const { entries } = buildGlossary(readBundle(BUNDLED_CORPUS, 'laws-cn.jsonl.gz'), handWritten.entries);
    expect(entries).toEqual(shipped.entries);
    expect(nextVersion(shipped, entries)).toBe(shipped.version);
    expect(formatGlossaryFile(shipped)).toBe(readFileSync(join(GLOSSARY_DIR, 'glossary.json'), 'utf8'));
  }, 60_000);

  it('gives every crime an article of the Special Part, and the shorthand lawyers type', () => {
    const criminalLaw = reader.findLaw('刑法')!;
    for (const e of shipped.entries.filter((x) => x.kind === 'crime')) {
      for (const t of e.targets) {
        const n = parseArticleLabel(t.label)!;
        expect(JSON.parse(reader.articleByNumber(criminalLaw.id, n.number, n.sub)!.path)[0], e.term).toContain('分则');
      }
    }
    const matcher = new GlossaryMatcher(shipped.entries);
    const where = (q: string) => matcher.matchWhole(q)?.targets.map((t) => `${t.law}${t.label}`);
    // 帮信罪 is 帮助信息网络犯罪活动罪, 刑法 第二百八十七条之二 (刑法修正案（九）).
    expect(where('帮信罪')).toEqual(['中华人民共和国刑法第二百八十七条之二']);
    expect(where('醉驾')).toEqual(['中华人民共和国刑法第一百三十三条之一']);
    expect(where('不安抗辩权')).toEqual(['中华人民共和国民法典第五百二十七条', '中华人民共和国民法典第五百二十八条']);
    // 股东代表诉讼 is in 公司法 (2023) 第一百八十九条; it was 第一百五十一条 in the 2018 version.
    expect(where('股东代表诉讼')).toEqual(['中华人民共和国公司法第一百八十九条']);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { writeTestModels } from '../helpers/builtin-models';
import { ROOT, runCli } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * npm run eval / npm run select / the version commands, end to end on the fixture library with
 * tiny real models (two embedders, one reranker) in a real inference host.
 */
const tempDir = useTempDirs('all');
let dir: string;
let db: string;
let models: string;
let queries: string;

const QUERIES = [
  { query_id: 1, 问题: '合同约定的违约金过高怎么办', match_name: ['中华人民共和国民法典第五百八十五条'] },
  { query_id: 2, 问题: '离婚后孩子的抚养费谁来出', match_name: ['中华人民共和国民法典第一千零八十五条', '中华人民共和国民法典第一千零八十四条'] },
  { query_id: 3, 问题: '员工严重违反公司规章制度可以辞退吗', match_name: ['中华人民共和国劳动合同法第三十九条'] },
  { query_id: 4, 问题: '公司不签书面劳动合同要付双倍工资吗', match_name: ['中华人民共和国劳动合同法第八十二条', '中华人民共和国不存在的法第一条'] },
];

const script = (name: string, args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'cli', name), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  dir = tempDir();
  db = join(dir, 'lib.db');
  models = join(dir, 'models');
  const lib = new Library(db);
  lib.import(FIXTURE_CORPUS);
  writeTestModels(lib, models);
  writeTestModels(lib, models, { embedderId: 'test-static-b', seed: 9 });
  lib.close();
  queries = join(dir, 'queries.json');
  writeFileSync(queries, JSON.stringify(QUERIES));
});

describe('npm run eval', () => {
  it('prints the three tables as JSON, writes a run file and qrels that score back to the same numbers, and a report', () => {
    const run = join(dir, 'run.tsv');
    const qrels = join(dir, 'qrels.txt');
    const report = join(dir, 'report.html');
    const r = script('eval.ts', ['--queries', queries, '--split', 'all', '--db', db, '--models', models, '--preset', 'standard', '--json', '--run-out', run, '--qrels-out', qrels, '--report', report]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/pipeline standard .*100%/); // progress line
    const out = JSON.parse(r.stdout);
    expect(out.queries).toBe(4);
    expect(out.unresolved).toEqual(['中华人民共和国不存在的法第一条']);
    expect(out.embedders.map((e: { name: string }) => e.name)).toEqual(['lexical (BM25)', 'test-static', 'test-static-b', 'hybrid test-static + BM25']);
    expect(out.rerankers.map((e: { name: string }) => e.name)).toEqual(['none (first-stage order)', 'test-features']);
    // The fixture has 17 articles: every relevant article is within the first 60 candidates.
    expect(out.embedders[1].metrics['R@60']).toBe(1);
    expect(out.curves[1].recall).toHaveLength(300);
    expect(out.curves[1].recall[299]).toBe(1);
    const [row] = out.pipeline;
    expect(row).toMatchObject({ preset: 'standard', k: 60, n: 10, embedder: 'test-static', reranker: 'test-features' });
    expect(row.latencyMs.total.p95).toBeGreaterThan(0);

    // Run file: query_id, rank, STARD-style citation, score; the same numbers when scored against the qrels.
    const lines = readFileSync(run, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('query_id\trank\tcitation\tscore');
    expect(lines[1]).toMatch(/^1\t1\t中华人民共和国\S+第\S+条\t-?[\d.]+$/);
    const scored = script('eval.ts', ['--qrels', qrels, '--run', run, '--json']);
    expect(scored.status, scored.stderr).toBe(0);
    const s = JSON.parse(scored.stdout);
    expect(s.metrics['RR@10']).toBeCloseTo(row.metrics['RR@10'], 10);
    expect(s.metrics['nDCG@10']).toBeCloseTo(row.metrics['nDCG@10'], 10);
    expect(existsSync(report) && existsSync(join(dir, 'report.md'))).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain('<svg');
  }, 120_000);

  it('--retriever dense --k 5 --n 0 writes 5 ranked citations per query, in dense order', () => {
    const run = join(dir, 'dense.tsv');
    const r = script('eval.ts', ['--queries', queries, '--split', 'all', '--db', db, '--models', models, '--tables', 'none', '--retriever', 'dense', '--k', '5', '--n', '0', '--run-out', run, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const rows = readFileSync(run, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    for (const q of ['1', '2', '3', '4']) expect(rows.filter((x) => x[0] === q).map((x) => x[1])).toEqual(['1', '2', '3', '4', '5']);
    const scores = rows.filter((x) => x[0] === '1').map((x) => Number(x[3]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(JSON.parse(r.stdout).pipeline[0]).toMatchObject({ k: 5, n: 0, retriever: 'dense', reranker: 'test-features' });
  }, 60_000);

  it('refuses bad usage with a clear message', () => {
    const r = script('eval.ts', ['--queries', queries, '--db', db, '--models', models, '--preset', 'fast']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--preset must be quick, standard or research');
    const k = script('eval.ts', ['--queries', queries, '--db', db, '--k', '10', '--n', '20', '--models', models, '--tables', 'none']);
    expect(k.status).toBe(2);
    expect(k.stderr).toContain('N (20) must not exceed K (10)');
  }, 60_000);
});

describe('npm run select and backbone versions', () => {
  it('writes a version per component, activates it; activate and rollback step between versions', () => {
    const r = script('select.ts', ['--queries', queries, '--split', 'all', '--db', db, '--models', models, '--activate', '--json', '--latency', 'quick=100000']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.version).toMatchObject({ id: 1, active: true, rerankerId: expect.anything() });
    expect(['test-static', 'test-static-b']).toContain(out.version.embedderId);
    // A generous target fits the largest K measured.
    expect(out.tuned).toEqual([expect.objectContaining({ preset: 'quick', k: 500 })]);
    expect(out.version.presets.quick).toEqual({ k: 500, n: 10 });
    expect(out.version.evidence.embedders).toHaveLength(2);

    // The CLI's version commands.
    const listed = runCli(['versions', '--json', '--db', db]);
    expect(JSON.parse(listed.stdout).map((v: { id: number; active: boolean }) => [v.id, v.active])).toEqual([[1, true]]);
    const second = script('select.ts', ['--queries', queries, '--split', 'all', '--db', db, '--models', models, '--label', 'second', '--json']);
    expect(JSON.parse(second.stdout).version).toMatchObject({ id: 2, active: false, label: 'second' });
    expect(runCli(['activate', '2', '--db', db]).stdout).toMatch(/Active backbone version: 2 "second"/);
    expect(runCli(['rollback', '--db', db]).stdout).toMatch(/Active backbone version: 1 /);
    const none = runCli(['rollback', '--db', db]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('[NO_EARLIER_VERSION]');
    expect(runCli(['activate', '9', '--db', db]).stderr).toContain('[VERSION_NOT_FOUND]');
    expect(runCli(['activate', 'x', '--db', db]).status).toBe(2);

    // eval serves the active version's models and presets.
    const ev = script('eval.ts', ['--queries', queries, '--split', 'all', '--db', db, '--models', models, '--tables', 'none', '--preset', 'quick', '--json']);
    expect(JSON.parse(ev.stdout).pipeline[0]).toMatchObject({ k: 500, embedder: out.version.embedderId });
  }, 240_000);
});

describe('npm run ab', () => {
  it('prepares a blind session between two versions, records verdicts from the terminal, and tallies them unblinded', () => {
    const lib = new Library(db);
    const a = lib.createVersion({ label: 'keywords', embedderId: null, rerankerId: null });
    const b = lib.createVersion({ label: 'models', embedderId: 'test-static', rerankerId: 'test-features', presets: { standard: { k: 60, n: 3 } } });
    lib.close();
    const file = join(dir, 'ab.json');
    const prep = script('ab.ts', ['prepare', '--a', String(a.id), '--b', String(b.id), '--out', file, '--queries', queries, '--split', 'all', '--db', db, '--models', models]);
    expect(prep.status, prep.stderr).toBe(0);
    const session = JSON.parse(readFileSync(file, 'utf8'));
    expect(session.identical.length + session.items.length).toBe(4);
    expect(session.items.length).toBeGreaterThan(0);
    // The two versions' lists (10 lexical hits vs 3 reranked) differ for every item.
    for (const it of session.items) expect(it.leftIds).not.toEqual(it.rightIds);

    // Judge in the terminal: always "left", then quit before the end is fine too.
    const answers = session.items.map(() => 'l').join('\n') + '\n';
    const judged = script('ab.ts', ['judge', file, '--db', db], answers);
    expect(judged.status, judged.stderr).toBe(0);
    expect(judged.stdout).toContain('LEFT');
    const tally = JSON.parse(script('ab.ts', ['tally', file, '--json']).stdout);
    // "left" was A exactly where the session put A on the left.
    const aLeft = session.items.filter((it: { left: string }) => it.left === 'A').length;
    expect(tally).toMatchObject({ a: aLeft, b: session.items.length - aLeft, ties: 0, identical: session.identical.length, judged: session.items.length });
    expect(script('ab.ts', ['tally', join(dir, 'missing.json')]).status).toBe(1);
    expect(script('ab.ts', ['prepare', '--a', '1', '--b', '1', '--out', file, '--queries', queries]).stderr).toContain('two different backbone version ids');
  }, 120_000);
});

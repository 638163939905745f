import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportFile } from '../../../electron/backbone/eval/report-file';
import type { EvalReport } from '../../../electron/contract/evaluation-types';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs('each');

const REPORT: EvalReport = {
  title: 't', createdAt: '2026-12-01T00:00:00.000Z', queries: 2, split: 'validation',
  embedderTable: [{ name: 'lexical', metrics: { 'R@20': 0.5 } }],
  rerankerTable: [{ name: 'none', metrics: { 'RR@10': 0.25 } }],
  pipelineTable: [{ name: 'standard', preset: 'standard', k: 60, n: 10, metrics: { 'R@60': 0.75 }, latencyMs: { p50: 40, p95: 60 } }],
  curves: [{ name: 'lexical', recall: [0.1, 0.2] }],
  presets: [{ name: 'standard', k: 60 }],
  models: { embedder: 'e', reranker: null },
};

describe('reading an evaluation report file', () => {
  it('returns a valid report as written', () => {
    const path = join(tempDir(), 'report.json');
    writeFileSync(path, JSON.stringify(REPORT));
    expect(readReportFile(path)).toEqual({ report: REPORT, source: path, problem: null });
  });

  it('keeps the other query sets (the lawyer-style queries) a report carries', () => {
    const path = join(tempDir(), 'report.json');
    const withSet: EvalReport = {
      ...REPORT,
      querySets: [{ id: 'lawyer', source: 'lawyer-queries.json', queries: 3, split: 'all', embedderTable: REPORT.embedderTable, rerankerTable: [], pipelineTable: REPORT.pipelineTable }],
    };
    writeFileSync(path, JSON.stringify(withSet));
    expect(readReportFile(path).report).toEqual(withSet);
    writeFileSync(path, JSON.stringify({ ...withSet, querySets: [{ id: 'lawyer' }] }));
    expect(readReportFile(path).problem).toMatch(/not an evaluation report \(querySets\.0\./);
  });

  it('says what is wrong with a missing, malformed or foreign file instead of throwing', () => {
    const dir = tempDir();
    expect(readReportFile(join(dir, 'none.json')).problem).toMatch(/does not exist.*--report-json/);
    writeFileSync(join(dir, 'bad.json'), '{"title": ');
    expect(readReportFile(join(dir, 'bad.json')).problem).toMatch(/not valid JSON/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...REPORT, pipelineTable: [{ name: 'x' }] }));
    const other = readReportFile(join(dir, 'other.json'));
    expect(other.report).toBeNull();
    expect(other.problem).toMatch(/not an evaluation report \(pipelineTable\.0\.k/);
    expect(readReportFile(null)).toMatchObject({ report: null, problem: 'No evaluation report is installed.' });
  });
});

/**
 * Reads an evaluation report written by `npm run eval -- --report-json`: the one the app ships in
 * resources/evaluation/, or another. A missing or malformed file is not an error of the app — the
 * evaluation page says what is wrong — so this returns the problem instead of throwing.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EvaluationView } from '../../contract/evaluation-types';

const Metrics = z.record(z.string(), z.number());
const StageRows = z.array(z.object({ name: z.string(), stage: z.string().optional(), metrics: Metrics }));
const PipelineRows = z.array(z.object({
  name: z.string(), preset: z.string().nullable().optional(), k: z.number().int(), n: z.number().int(), metrics: Metrics, latencyMs: Metrics,
}));
const ReportSchema = z.object({
  title: z.string(),
  createdAt: z.string(),
  queries: z.number().int().nonnegative(),
  split: z.string(),
  embedderTable: StageRows,
  rerankerTable: StageRows,
  pipelineTable: PipelineRows,
  curves: z.array(z.object({ name: z.string(), recall: z.array(z.number()) })),
  presets: z.array(z.object({ name: z.string(), k: z.number().int() })),
  models: z.object({ embedder: z.string().nullable(), reranker: z.string().nullable() }).optional(),
  notes: z.array(z.string()).optional(),
  /** Other query sets measured with the same models and budgets (the lawyer-style queries). */
  querySets: z.array(z.object({
    id: z.string(), source: z.string(), queries: z.number().int().nonnegative(), split: z.string(),
    embedderTable: StageRows, rerankerTable: StageRows, pipelineTable: PipelineRows,
  })).optional(),
});

export function readReportFile(path: string | null): EvaluationView {
  if (!path) return { report: null, source: '', problem: 'No evaluation report is installed.' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { report: null, source: path, problem: missing ? `${path} does not exist. Run npm run eval -- --report-json ${path}.` : `${path} cannot be read (${(e as Error).message}).` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { report: null, source: path, problem: `${path} is not valid JSON (${(e as Error).message}).` };
  }
  const parsed = ReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { report: null, source: path, problem: `${path} is not an evaluation report (${issue.path.join('.') || 'top level'}: ${issue.message}).` };
  }
  return { report: parsed.data, source: path, problem: null };
}

/**
 * Deep-research batches from the environment: LEXBONE_RESEARCH_BATCH_SIZE candidates per reranker
 * call, and (test-only, for watching a run over the small fixture corpus) a pause of
 * LEXBONE_RESEARCH_BATCH_DELAY_MS after each. Read by every process that serves runs (the service,
 * the stdio MCP server).
 */
import type { ResearchRunOptions } from './research-run';

export function researchKnobs(env: NodeJS.ProcessEnv = process.env): ResearchRunOptions {
  const int = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  return { batchSize: int(env.LEXBONE_RESEARCH_BATCH_SIZE) || undefined, batchDelayMs: int(env.LEXBONE_RESEARCH_BATCH_DELAY_MS) };
}

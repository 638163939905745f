/**
 * Test-only knobs for the background indexing, read from the environment so an end-to-end test can
 * watch (and pause) indexing of a small corpus through the real server:
 *   LEXBONE_INDEX_BATCH_SIZE      articles per embedding batch (default 64)
 *   LEXBONE_INDEX_BATCH_DELAY_MS  a wait after each committed batch (default 0; at most 10 s)
 * Neither changes what ends up in the index, only how fast it gets there.
 */
export interface IndexingKnobs {
  batchSize?: number;
  batchDelayMs?: number;
}

function positiveInt(value: string | undefined, max: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : undefined;
}

export function indexingKnobs(env: NodeJS.ProcessEnv = process.env): IndexingKnobs {
  return {
    batchSize: positiveInt(env.LEXBONE_INDEX_BATCH_SIZE, 4096),
    batchDelayMs: positiveInt(env.LEXBONE_INDEX_BATCH_DELAY_MS, 10_000),
  };
}

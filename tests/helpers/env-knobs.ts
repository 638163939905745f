import { afterAll, beforeAll } from 'vitest';

/**
 * Sets environment variables (test-only knobs such as LEXBONE_INDEX_BATCH_SIZE) for a test file:
 * before its first test, restored (or removed) after its last.
 */
export function useEnvKnobs(knobs: Record<string, string>): void {
  const saved = new Map<string, string | undefined>();
  beforeAll(() => {
    for (const [k, v] of Object.entries(knobs)) {
      saved.set(k, process.env[k]);
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refitMetrics, validatedStage } from '../../../electron/backbone/train/refit';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();

function stage(manifest: object): string {
  const dir = join(tempDir(), 'builtin-reader-stage2');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('a refit takes its budget from the validated stage', () => {
  it('reads the best step or epoch and keeps the validated measures, saying where they come from', () => {
    const dir = stage({ id: 'builtin-reader-stage2', training: { bestEpoch: 9, bestStep: 50 }, metrics: { split: 'validation', 'RR@10': 0.635 } });
    const v = validatedStage(dir, 'bestEpoch');
    expect(v).toEqual({ id: 'builtin-reader-stage2', budget: 9, metrics: { split: 'validation', 'RR@10': 0.635 } });
    expect(validatedStage(dir, 'bestStep').budget).toBe(50);
    expect(refitMetrics(v)).toEqual({ split: 'validation', 'RR@10': 0.635, measuredOn: 'builtin-reader-stage2 before the refit (trained on the train split only)' });
  });

  it('a stage 3 that kept its start (epoch 0) refits to zero epochs', () => {
    expect(validatedStage(stage({ id: 'x', training: { bestEpoch: 0 } }), 'bestEpoch').budget).toBe(0);
  });

  it('refuses a missing stage, a stage without its budget, and a refit as the source', () => {
    expect(() => validatedStage(join(tempDir(), 'nowhere'), 'bestEpoch')).toThrow(/train it first without --refit-from/);
    expect(() => validatedStage(stage({ id: 'x', training: { seconds: 3 } }), 'bestEpoch')).toThrow(/does not record its bestEpoch/);
    expect(() => validatedStage(stage({ id: 'x', training: { bestEpoch: 2, refit: { questions: 1235 } } }), 'bestEpoch')).toThrow(/is itself a refit/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReranker } from '../../../../electron/backbone/inference/load-model';
import { isFeatureReranker } from '../../../../electron/backbone/inference/types';
import { featureRerankerModel } from '../../../../electron/backbone/onnx/feature-reranker-graph';
import { writeFeatureModel } from '../../../../electron/backbone/train/feature-model-writer';
import { trainListwise } from '../../../../electron/backbone/train/reranker/listwise';
import { scoreWithWeights } from '../../../../electron/backbone/train/reranker/listwise-model';
import { toyLists } from './toy-lists';

const lists = toyLists(120, 20, 5);
const probe = toyLists(10, 20, 6).flatMap((l) => l.features);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected[i]!)));
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('trained weights score the same in onnxruntime as in the TypeScript forward', () => {
  it.each([16, 0])('hidden = %i', async (hidden) => {
    const w = trainListwise(lists, { hidden, seed: 2, maxEpochs: 10 });
    const session = await ort.InferenceSession.create(featureRerankerModel(w));
    const input = new Float32Array(probe.length * 4);
    probe.forEach((f, i) => input.set(f, i * 4));
    const out = await session.run({ features: new ort.Tensor('float32', input, [probe.length, 4]) });
    expectClose(out.score!.data as Float32Array, scoreWithWeights(w, probe));
  });

  it('through a written model folder and loadReranker', async () => {
    const w = trainListwise(lists, { hidden: 8, seed: 2, maxEpochs: 5 });
    const dir = join(mkdtempSync(join(tmpdir(), 'lexbone-listwise-')), 'toy-reranker');
    dirs.push(dir);
    writeFeatureModel(dir, { id: 'toy-reranker', stage: 'test', featureNames: ['a', 'b', 'noise1', 'noise2'], weights: w });
    const model = await loadReranker(dir);
    expect(isFeatureReranker(model)).toBe(true);
    if (!isFeatureReranker(model)) return;
    try {
      expectClose(await model.scoreFeatures(probe), scoreWithWeights(w, probe));
    } finally {
      await model.close();
    }
  });
});

import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { fromHalf } from '../../electron/backbone/onnx/read-initializers';
import { staticEmbedderModel } from '../../electron/backbone/onnx/static-embedder-graph';
import { featureRerankerModel } from '../../electron/backbone/onnx/feature-reranker-graph';

describe('half precision (float16 initializers of exported models)', () => {
  it.each([
    [0x0000, 0], [0x3c00, 1], [0xc000, -2], [0x3800, 0.5], [0x7bff, 65504], [0x7c00, Infinity], [0xfc00, -Infinity],
    [0x0001, 5.960464477539063e-8], [0x2e66, 0.0999755859375],
  ])('%s → %f', (bits, x) => {
    expect(fromHalf(bits)).toBe(x);
  });
  it('NaN', () => expect(fromHalf(0x7e00)).toBeNaN());
});

describe('built-in model graphs run in onnxruntime', () => {
  it('lexbone-static: weighted sum of token vectors with per-kind token weights, normalised', async () => {
    // vocab 5 × dim 3; token weights: queries all 1, documents 2 for token 1
    const E = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0]);
    const W = new Float32Array([1, 1, 1, 1, 1, 1, 2, 1, 1, 1]);
    const s = await ort.InferenceSession.create(staticEmbedderModel({ vocabSize: 5, dimension: 3, embeddings: E, tokenWeights: W }));
    const out = await s.run({
      ids: new ort.Tensor('int64', BigInt64Array.from([1n, 2n, 0n, 1n, 3n, 4n]), [2, 3]),
      weights: new ort.Tensor('float32', Float32Array.from([1, 1, 0, 1, 1, 1]), [2, 3]),
      kind: new ort.Tensor('int64', BigInt64Array.from([0n, 1n]), [2]),
    });
    const v = Array.from(out.embedding!.data as Float32Array);
    // query: e1 + e2 = (1,1,0)/√2 ; document: 2·e1 + e3 + e4 = (3,1,1)/√11
    const expected = [1 / Math.SQRT2, 1 / Math.SQRT2, 0, 3 / Math.sqrt(11), 1 / Math.sqrt(11), 1 / Math.sqrt(11)];
    v.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 3));
  });

  it('lexbone-features: standardised inputs through one hidden ReLU layer', async () => {
    const s = await ort.InferenceSession.create(
      featureRerankerModel({
        features: 2, hidden: 2,
        mean: Float32Array.of(1, 0), std: Float32Array.of(2, 1),
        w1: Float32Array.of(1, 0, 0, 1), b1: Float32Array.of(0, -1),
        w2: Float32Array.of(1, 3), b2: 0.5,
      }),
    );
    const out = await s.run({ features: new ort.Tensor('float32', Float32Array.of(5, 3), [1, 2]) });
    // x = ((5−1)/2, (3−0)/1) = (2, 3); h = relu(2, 3−1) = (2, 2); score = 2 + 6 + 0.5
    expect(Array.from(out.score!.data as Float32Array)).toEqual([8.5]);
  });
});

describe('reading a model back', () => {
  it('round-trips a static model through its ONNX file (int8 rows, each within half its own step)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeStaticModel } = await import('../../electron/backbone/train/static-model-writer');
    const { readStaticModel } = await import('../../electron/backbone/train/static-model-reader');
    const dir = mkdtempSync(join(tmpdir(), 'lexbone-model-'));
    try {
      // Row 3 is a thousand times shorter than the others: a per-row scale keeps it exact to 3 digits.
      const embeddings = Float32Array.from({ length: 4 * 3 }, (_, i) => ((i - 5) / 7) * (i >= 9 ? 1e-3 : 1));
      const tokenWeights = Float32Array.of(0, 1, 2, 3, 0, 0.5, 1.5, 2.5);
      writeStaticModel(join(dir, 'm'), { id: 'm', stage: 'stage1', tokens: ['<pad>', 'a', 'b', 'c'], weights: { vocabSize: 4, dimension: 3, embeddings, tokenWeights }, maxLength: 8 });
      const back = readStaticModel(join(dir, 'm'));
      expect(back.tokens).toEqual(['<pad>', 'a', 'b', 'c']);
      expect(Array.from(back.params.tokenWeights)).toEqual(Array.from(tokenWeights));
      for (let r = 0; r < 4; r++) {
        const row = Array.from(embeddings.subarray(r * 3, r * 3 + 3));
        const halfStep = Math.max(...row.map(Math.abs)) / 254;
        row.forEach((x, c) => expect(Math.abs(back.params.embeddings[r * 3 + c]! - x)).toBeLessThanOrEqual(halfStep * 1.0001));
      }
      expect(back.params.embeddings[9]).not.toBe(0);
      expect(back.manifest.stage).toBe('stage1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HfTokenizer } from '../../../electron/backbone/inference/hf-tokenizer';
import { loadReranker } from '../../../electron/backbone/inference/load-model';
import {
  QWEN3_RERANKER_PREFIX,
  QWEN3_RERANKER_SUFFIX,
  qwen3RerankerBody,
} from '../../../electron/backbone/inference/families/qwen3-reranker';
import { isFeatureReranker, type Reranker } from '../../../electron/backbone/inference/types';
import { useTempDirs } from '../../helpers/temp';
import { writeCrossEncoder, writeLexboneFeatures, writeQwen3Reranker } from '../../helpers/tiny-models';
import { thrown } from '../../helpers/thrown';

/**
 * cross-encoder: logit = #alpha − #beta over the pair; qwen3-reranker: the last position's yes/no
 * logits are #alpha and #beta, so P(yes) = sigmoid(#alpha − #beta). Pads would add 3 (cross-encoder)
 * or 5 to "yes" (qwen3-reranker, if read at the last position).
 */
const tempDir = useTempDirs('all');
const opened: Reranker[] = [];
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
});

async function reranker(dir: string, opts = {}): Promise<Reranker> {
  const r = await loadReranker(dir, opts);
  opened.push(r);
  return r;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function expectScores(actual: number[], expected: number[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 6));
}


describe('cross-encoder', () => {
  it('score = sigmoid(logit) of each (query, document) pair, right padding, input order', async () => {
    const r = await reranker(writeCrossEncoder(join(tempDir(), 'ce')));
    // alpha|alpha beta beta: 2 − 2; alpha|alpha: 2; alpha|gamma: 1.
    expectScores(await r.score('alpha', ['alpha beta beta', 'alpha', 'gamma']), [sigmoid(0), sigmoid(2), sigmoid(1)]);
    expect(await r.score('alpha', [])).toEqual([]);
  });

  it('truncates the pair longest-first (exactly HF longest_first)', async () => {
    const r = await reranker(writeCrossEncoder(join(tempDir(), 'ce-short'), { manifest: { maxLength: 7 } }));
    // 3 alphas + 5 betas, room for 4: → 2 + 2, logit 0. (Cutting the joined sequence would give 3 − 2.)
    expectScores(await r.score('alpha alpha alpha', ['beta beta beta beta beta']), [0.5]);
  });

  it('accepts logits of shape [B]', async () => {
    const r = await reranker(writeCrossEncoder(join(tempDir(), 'ce-flat'), { flatLogits: true }));
    expectScores(await r.score('alpha', ['beta beta beta']), [sigmoid(-2)]);
  });

  it('batching by length gives the one-by-one scores', async () => {
    const r = await reranker(writeCrossEncoder(join(tempDir(), 'ce-batch')), { maxBatch: 2 });
    const docs = ['alpha', 'beta beta beta beta alpha', 'gamma', 'alpha alpha', 'beta'];
    const single = await Promise.all(docs.map(async (d) => (await r.score('alpha', [d]))[0]!));
    expectScores(await r.score('alpha', docs), single);
  });
});

describe('qwen3-reranker', () => {
  for (const sliced of [false, true]) {
    it(`P(yes) = softmax([no, yes])[1] at the last position, logits ${sliced ? '[B, V]' : '[B, L, V]'}`, async () => {
      const r = await reranker(writeQwen3Reranker(join(tempDir(), `qr-${sliced}`), { slicedLogits: sliced }), { maxBatch: 3 });
      // Mixed lengths in one left-padded batch: a pad at the last position would add 5 to "yes".
      expectScores(await r.score('alpha', ['alpha beta beta', 'alpha', 'gamma gamma gamma gamma']), [sigmoid(0), sigmoid(2), sigmoid(1)]);
    });
  }

  it('decoder exports: feeds an empty KV cache and logits_to_keep; float16 logits', async () => {
    const r = await reranker(writeQwen3Reranker(join(tempDir(), 'qr-decoder'), { decoderInputs: true, float16Output: true }));
    expectScores(await r.score('alpha', ['alpha beta beta', 'alpha']), [sigmoid(0), sigmoid(2)]);
  });

  it('cuts the document, never the prompt prefix or suffix, to fit maxLength', async () => {
    const dir = writeQwen3Reranker(join(tempDir(), 'qr-trunc'), { manifest: { instruction: 'judge law' } });
    const tok = HfTokenizer.load(dir, { tokenizer: 'tokenizer.json' });
    const fixed = tok.ids(QWEN3_RERANKER_PREFIX).length + tok.ids(QWEN3_RERANKER_SUFFIX).length + tok.ids(qwen3RerankerBody('judge law', 'gamma', '')).length;
    const full = await reranker(dir);
    expectScores(await full.score('gamma', ['alpha beta beta']), [sigmoid(-1)]);
    const cut = await reranker(writeQwen3Reranker(join(tempDir(), 'qr-trunc2'), { manifest: { instruction: 'judge law', maxLength: fixed + 1 } }));
    // Room for one document token: "alpha" stays, the betas go; the suffix is still last.
    expectScores(await cut.score('gamma', ['alpha beta beta']), [sigmoid(1)]);
  });

  it('a tokenizer without "yes" is an error naming the folder', async () => {
    const dir = writeQwen3Reranker(join(tempDir(), 'qr-noyes'), { without: ['yes'] });
    const e = await thrown(loadReranker(dir));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('"yes"');
  });
});

describe('lexbone-features', () => {
  it('scores feature vectors (f0 + 2 f1 − f2 + 0.5), in order', async () => {
    for (const flatScore of [false, true]) {
      const r = await reranker(writeLexboneFeatures(join(tempDir(), `feat-${flatScore}`), { flatScore }), { maxBatch: 2 });
      if (!isFeatureReranker(r)) throw new Error('expected a FeatureReranker');
      expect(r.featureNames).toEqual(['bm25', 'dense', 'age']);
      const rows = [[1, 1, 1], [0, 0, 0], [2, 0, 1]].map((f) => Float32Array.from(f));
      expectScores(await r.scoreFeatures(rows), [2.5, 0.5, 1.5]);
    }
  });

  it('score(query, documents) says it needs features; wrong lengths are refused', async () => {
    const dir = writeLexboneFeatures(join(tempDir(), 'feat-errors'));
    const r = await reranker(dir);
    const e = await thrown(r.score('q', ['d']));
    expect(e.code).toBe('MODEL_NEEDS_FEATURES');
    expect(e.message).toContain(dir);
    if (!isFeatureReranker(r)) throw new Error('expected a FeatureReranker');
    expect((await thrown(r.scoreFeatures([new Float32Array(2)]))).message).toMatch(/has 2 entries; the model takes 3/);
  });
});

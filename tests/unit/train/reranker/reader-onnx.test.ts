import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReranker } from '../../../../electron/backbone/inference/load-model';
import { READING_FEATURE_NAMES, READING_KERNELS, readingFeatures } from '../../../../electron/backbone/inference/reading';
import { isFeatureReranker } from '../../../../electron/backbone/inference/types';
import type { FeatureRerankerWeights } from '../../../../electron/backbone/onnx/feature-reranker-graph';
import { readFeatureModel, writeReaderModel } from '../../../../electron/backbone/train/feature-model-writer';
import { scoreWithWeights } from '../../../../electron/backbone/train/reranker/listwise-model';
import { readerTableFromStatic } from '../../../../electron/backbone/train/reranker/reading-table';
import { rng } from '../../../../electron/backbone/train/random';
import { thrown } from '../../../helpers/thrown';

/** A tiny static embedder: the characters and bigrams of a few legal words, random vectors with a shared part for near-synonyms. */
const tokens = ['<pad>', '盗', '窃', '盗窃', '偷', '东', '西', '东西', '财', '物', '财物', '合', '同', '合同', '解', '除', '解除', '劳', '动', '劳动', '的', '了'];
const D = 12;
function params(seed: number) {
  const rand = rng(seed);
  const V = tokens.length;
  const embeddings = new Float32Array(V * D).map(() => rand() * 2 - 1);
  // 偷 ~ 盗窃 and 东西 ~ 财物: near-synonyms the reader should score between exact and unrelated.
  const near = (a: string, b: string) => {
    const i = tokens.indexOf(a), j = tokens.indexOf(b);
    for (let d = 0; d < D; d++) embeddings[j * D + d] = embeddings[i * D + d]! * 0.9 + embeddings[j * D + d]! * 0.3;
  };
  near('盗窃', '偷');
  near('财物', '东西');
  embeddings.fill(0, 0, D);
  const tokenWeights = new Float32Array(2 * V).map(() => 0.2 + rand());
  tokenWeights[tokens.indexOf('的')] = -0.5; // floored at 0: a stop word counts for nothing
  return { params: { vocabSize: V, dimension: D, embeddings, tokenWeights }, tokens };
}

function scorer(F: number, hidden: number, seed: number): FeatureRerankerWeights {
  const rand = rng(seed);
  const r = (n: number) => new Float32Array(n).map(() => rand() * 2 - 1);
  return {
    features: F, hidden, mean: r(F), std: new Float32Array(F).map(() => 0.5 + rand()),
    w1: hidden ? r(F * hidden) : new Float32Array(0), b1: r(hidden), w2: r(hidden || F), b2: 0.3,
  };
}

const query = '偷了东西怎么处理';
const docs = ['盗窃公私财物的，处三年以下有期徒刑', '劳动合同解除', '', '盗窃 ABC 财物 盗窃', '完全无关的文字'];
const base = docs.map((_, i) => Float32Array.of(i * 0.5, 1 - i * 0.1));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeToy(hidden: number, dim?: number) {
  const model = params(3);
  const { table, stored } = readerTableFromStatic(model, dim);
  const weights = scorer(2 + READING_FEATURE_NAMES.length, hidden, 5);
  const dir = join(mkdtempSync(join(tmpdir(), 'lexbone-reader-')), 'toy-reader');
  dirs.push(dir);
  writeReaderModel(dir, { id: 'toy-reader', stage: 'test', featureNames: ['a', 'b'], weights, reader: stored, tokens: model.tokens });
  return { dir, table, weights };
}

describe('the reader scores the same in onnxruntime as in the TypeScript forward', () => {
  it.each([
    [8, undefined],
    [0, undefined],
    [8, 6],
  ])('hidden %i, table dimension %s', async (hidden, dim) => {
    const { dir, table, weights } = writeToy(hidden, dim);
    const read = readingFeatures(table, query, docs);
    const expected = scoreWithWeights(weights, base.map((b, i) => Float32Array.from([...b, ...read[i]!])));
    const model = await loadReranker(dir);
    if (!isFeatureReranker(model)) throw new Error('not a feature reranker');
    try {
      expect(model.reads).toBe(true);
      const got = await model.scoreFeatures(base, { query, documents: docs });
      expect(got).toHaveLength(docs.length);
      got.forEach((g, i) => expect(Math.abs(g - expected[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[i]!))));
      // A query with no known token reads as nothing, and still scores.
      const none = await model.scoreFeatures(base, { query: '？？', documents: docs });
      const readNone = readingFeatures(table, '？？', docs);
      const expectedNone = scoreWithWeights(weights, base.map((b, i) => Float32Array.from([...b, ...readNone[i]!])));
      none.forEach((g, i) => expect(Math.abs(g - expectedNone[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expectedNone[i]!))));
    } finally {
      await model.close();
    }
  });

  it('reads what the kernels promise: exact words beat near-synonyms, which beat unrelated text', () => {
    const { table } = readerTableFromStatic(params(3));
    const [exact, near, unrelated] = readingFeatures(table, '盗窃财物', ['盗窃财物', '偷东西', '劳动合同']);
    const K = READING_KERNELS.length;
    expect(exact![0]).toBeCloseTo(1, 5); // every question token found exactly
    expect(near![0]).toBeLessThan(0.5);
    expect(near![K]).toBeGreaterThan(unrelated![K]!); // mean MaxSim
    expect(exact![K]).toBeGreaterThan(near![K]!);
    expect(exact![K + 1]).toBeCloseTo(1, 5); // every article token is a question token
  });

  it('a later stage reads the folder back, reading features included; without texts it refuses', async () => {
    const { dir, weights } = writeToy(8);
    const back = readFeatureModel(dir);
    expect(back.featureNames).toEqual(['a', 'b', ...READING_FEATURE_NAMES]);
    expect(Array.from(back.weights.w1)).toEqual(Array.from(weights.w1));
    const model = await loadReranker(dir);
    if (!isFeatureReranker(model)) throw new Error('not a feature reranker');
    try {
      expect((await thrown(model.scoreFeatures(base))).code).toBe('INVALID_REQUEST');
      expect((await thrown(model.scoreFeatures(base, { query, documents: docs.slice(1) }))).code).toBe('INVALID_REQUEST');
    } finally {
      await model.close();
    }
  });
});

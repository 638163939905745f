import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStaticVocab } from '../../../electron/backbone/inference/static-vocab';
import type { EmbedderParams } from '../../../electron/backbone/train/embedder-params';
import { trainEmbedder, type EmbedderTrainOptions } from '../../../electron/backbone/train/embedder-trainer';
import { normal, rng, statefulRng } from '../../../electron/backbone/train/random';
import type { TrainingPair } from '../../../electron/backbone/train/weak-pairs';
import { useTempDirs } from '../../helpers/temp';

const CHARS = [...'合同违约金赔偿离婚抚养费工资劳动公司股东责任刑罚'];
const vocab = parseStaticVocab({ tokens: ['<pad>', ...CHARS] });
const V = CHARS.length + 1;
const D = 8;
const texts = ['合同违约金', '离婚抚养费', '劳动工资', '公司股东责任', '刑罚责任', '违约赔偿', '抚养离婚', '工资公司', '股东合同', '赔偿责任', '劳动合同', '离婚财产'];
const pairs: TrainingPair[] = texts.map((t, i) => ({ query: [...t].reverse().join(''), document: t, articleId: i + 1, source: 'train-query' }));

function start(): EmbedderParams {
  const g = normal(rng(3));
  return {
    vocabSize: V, dimension: D,
    embeddings: Float32Array.from({ length: V * D }, (_, i) => (i < D ? 0 : g())),
    tokenWeights: Float32Array.from({ length: 2 * V }, (_, i) => (i % V === 0 ? 0 : 1)),
  };
}

/** Trains 12 steps (batches of 4, one sampled negative each, an evaluation every 3 steps). */
function run(p: EmbedderParams, extra: Partial<EmbedderTrainOptions> & { ckptPath?: string; key?: string } = {}) {
  const neg = statefulRng(9);
  const o: EmbedderTrainOptions = {
    steps: 12, batchSize: 4, temperature: 0.1, lrEmbeddings: 0.05, lrWeights: 0.05, seed: 5, maxLength: 64,
    negatives: () => [texts[Math.floor(neg.next() * texts.length)]!],
    evaluate: () => p.tokenWeights.reduce((s, w) => s + w, 0) + p.embeddings[D]!, evaluateEvery: 3, patience: 99,
    ...extra,
  };
  if (extra.ckptPath) o.checkpoint = { path: extra.ckptPath, every: 4, key: { test: extra.key ?? 'a' }, rngs: [neg] };
  return trainEmbedder(p, vocab, pairs, o);
}

const tmp = useTempDirs();

describe('embedder training checkpoints', () => {
  const reference = start();
  const refReport = run(reference);

  it('a run stopped mid-way resumes from its last checkpoint and ends exactly where an uninterrupted run ends', () => {
    const path = join(tmp(), 'stage.ckpt');
    const stop = new AbortController();
    const stopped = start();
    run(stopped, { ckptPath: path, signal: stop.signal, onStep: (s) => s.step === 6 && stop.abort() });
    expect(existsSync(path)).toBe(true); // written at step 4, kept for the resume
    const resumed = start();
    const steps: number[] = [];
    const report = run(resumed, { ckptPath: path, onStep: (s) => steps.push(s.step) });
    expect(steps[0]).toBe(5); // steps 1–4 came from the checkpoint
    expect(resumed.embeddings).toEqual(reference.embeddings);
    expect(resumed.tokenWeights).toEqual(reference.tokenWeights);
    expect(report.bestStep).toBe(refReport.bestStep);
    expect(existsSync(path)).toBe(false); // removed once the stage is done
  });

  it('ignores a checkpoint of another run or an unreadable one, and starts afresh', () => {
    const path = join(tmp(), 'stage.ckpt');
    const stop = new AbortController();
    run(start(), { ckptPath: path, key: 'other', signal: stop.signal, onStep: (s) => s.step === 6 && stop.abort() });
    const fresh = start();
    const steps: number[] = [];
    run(fresh, { ckptPath: path, onStep: (s) => steps.push(s.step) });
    expect(steps[0]).toBe(1);
    expect(fresh.embeddings).toEqual(reference.embeddings);
    writeFileSync(path, 'not a checkpoint');
    const again = start();
    run(again, { ckptPath: path });
    expect(again.embeddings).toEqual(reference.embeddings);
  });
});

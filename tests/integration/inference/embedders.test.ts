import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../../electron/backbone/inference/load-model';
import type { Embedder } from '../../../electron/backbone/inference/types';
import { writeStaticModel } from '../../../electron/backbone/train/static-model-writer';
import { useTempDirs } from '../../helpers/temp';
import { STATIC_E, STATIC_KIND, writeLexboneStatic, writeTextEmbedder, type TextEmbedderOptions } from '../../helpers/tiny-models';

/**
 * Real ORT sessions over the tiny models of tests/helpers/tiny-models.ts. Text embedders compute
 * h_t = E[x_t] + S with S the masked sum of the row's token vectors; E: [CLS]=(0,0,1,0),
 * alpha=(1,0,0,0), beta=(0,1,0,0), gamma=(0,0,1,0), instruct=(0,0,2,0), <|endoftext|>=(0,0,0,1),
 * [PAD]=(0,0,0,5), everything else 0.
 */
const tempDir = useTempDirs('all');
const opened: Embedder[] = [];
afterAll(async () => {
  await Promise.all(opened.map((e) => e.close()));
});

async function embedder(o: TextEmbedderOptions, loadOpts = {}): Promise<Embedder> {
  const e = await loadEmbedder(writeTextEmbedder(join(tempDir(), o.family), o), loadOpts);
  opened.push(e);
  return e;
}

function unit(...v: number[]): number[] {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function expectVectors(actual: Float32Array[], expected: number[][]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(v.length).toBe(expected[i]!.length);
    v.forEach((x, j) => expect(x).toBeCloseTo(expected[i]![j]!, 5));
  });
}

describe('bert-cls / bert-mean', () => {
  it('CLS pools position 0 of right-padded rows', async () => {
    const e = await embedder({ family: 'bert-cls' });
    // "alpha beta": S = CLS+alpha+beta = (1,1,1,0); h_0 = E[CLS] + S = (1,1,2,0).
    // "alpha" (padded on the right in the same batch): S = (1,0,1,0); h_0 = (1,0,2,0).
    expectVectors(await e.embed(['alpha beta', 'alpha'], 'document'), [unit(1, 1, 2, 0), unit(1, 0, 2, 0)]);
    expect(e.dimension).toBe(4);
    expect(e.info).toMatchObject({ id: 'tiny-bert-cls', role: 'embedder', family: 'bert-cls', dimension: 4, maxLength: 64 });
  });

  it('mean pools only the unmasked positions', async () => {
    const e = await embedder({ family: 'bert-mean' });
    // mean of (E[x_t] + S) over real tokens = S (1 + 1/n): direction S.
    expectVectors(await e.embed(['alpha beta', 'alpha'], 'document'), [unit(1, 1, 1, 0), unit(1, 0, 1, 0)]);
  });

  it('applies the query / document prefixes', async () => {
    const e = await embedder({ family: 'bert-mean', manifest: { queryPrefix: 'gamma ', documentPrefix: 'passage: ' } });
    // query "gamma alpha": S = CLS + gamma + alpha = (1,0,2,0); "passage: alpha": passage and ':' are 0.
    expectVectors(await e.embed(['alpha'], 'query'), [unit(1, 0, 2, 0)]);
    expectVectors(await e.embed(['alpha'], 'document'), [unit(1, 0, 1, 0)]);
  });

  it('feeds token_type_ids only when the graph declares it', async () => {
    const e = await embedder({ family: 'bert-cls', extraInput: false });
    expectVectors(await e.embed(['alpha beta'], 'document'), [unit(1, 1, 2, 0)]);
  });

  it('a float16 export gives the same vectors', async () => {
    const e = await embedder({ family: 'bert-cls', float16Output: true });
    expectVectors(await e.embed(['alpha beta', 'alpha'], 'document'), [unit(1, 1, 2, 0), unit(1, 0, 2, 0)]);
  });

  it('uses an exported sentence_embedding as is (normalised)', async () => {
    const e = await embedder({ family: 'bert-cls', pooledOutput: true });
    expectVectors(await e.embed(['alpha beta'], 'document'), [unit(1, 1, 1, 0)]);
  });
});

describe('qwen3-embedding', () => {
  it('pools the last token (<|endoftext|>) of left-padded rows; documents are plain', async () => {
    const e = await embedder({ family: 'qwen3-embedding' });
    // "alpha beta" + eos: S = (1,1,0,1), h_last = eos + S = (1,1,0,2); "alpha" + eos: (1,0,0,2).
    expectVectors(await e.embed(['alpha beta', 'alpha'], 'document'), [unit(1, 1, 0, 2), unit(1, 0, 0, 2)]);
  });

  it('queries carry "Instruct: {task}\\nQuery:{query}"', async () => {
    const e = await embedder({ family: 'qwen3-embedding', manifest: { task: 'gamma' } });
    // instruct (0,0,2,0) + gamma (0,0,1,0) + alpha + beta + eos = (1,1,3,1); h_last = (1,1,3,2).
    expectVectors(await e.embed(['alpha beta'], 'query'), [unit(1, 1, 3, 2)]);
    const d = await embedder({ family: 'qwen3-embedding' });
    // The default task has no known words, but "Instruct" is still there: (1,1,2,2).
    expectVectors(await d.embed(['alpha beta'], 'query'), [unit(1, 1, 2, 2)]);
  });

  it('appends <|endoftext|> when the tokenizer template does not', async () => {
    const e = await embedder({ family: 'qwen3-embedding', noTemplate: true });
    expectVectors(await e.embed(['alpha beta', 'alpha'], 'document'), [unit(1, 1, 0, 2), unit(1, 0, 0, 2)]);
  });

  it('MRL: keeps the first mrlDimension dims and re-normalises', async () => {
    const e = await embedder({ family: 'qwen3-embedding', manifest: { mrlDimension: 2 } });
    // "alpha alpha beta": S = (2,1,0,1), h_last = (2,1,0,2) → (2,1).
    expectVectors(await e.embed(['alpha alpha beta'], 'document'), [unit(2, 1)]);
    expect(e.dimension).toBe(2);
    expect(e.info.dimension).toBe(2);
  });

  it('truncates long texts to maxLength, keeping the final <|endoftext|>', async () => {
    const e = await embedder({ family: 'qwen3-embedding', manifest: { maxLength: 2 } });
    // "alpha beta gamma" → alpha + eos: (1,0,0,2).
    expectVectors(await e.embed(['alpha beta gamma'], 'document'), [unit(1, 0, 0, 2)]);
  });
});

describe('batch by length', () => {
  const texts = ['alpha', 'alpha beta gamma beta alpha', 'beta', 'gamma gamma', 'alpha beta', '', 'beta beta beta alpha gamma gamma alpha'];
  for (const family of ['bert-mean', 'qwen3-embedding'] as const) {
    it(`${family}: batches of 2 give the one-by-one vectors, in input order`, async () => {
      const e = await embedder({ family }, { maxBatch: 2 });
      const batched = await e.embed(texts, 'query');
      const single = await Promise.all(texts.map(async (t) => (await e.embed([t], 'query')))).then((r) => r.map((x) => x[0]!));
      expectVectors(batched, single.map((v) => [...v]));
      expect(await e.embed([], 'query')).toEqual([]);
    });
  }
});

describe('lexbone-static', () => {
  const E = STATIC_E;
  const add = (...vs: number[][]) => vs.reduce((a, b) => a.map((x, i) => x + b[i]!));

  it('weights distinct vocabulary ids by 1 + ln(count); output normalised', async () => {
    const e = await loadEmbedder(writeLexboneStatic(join(tempDir(), 'static')));
    opened.push(e);
    // 合同违约 → 合, 合同, 违约 once each; 合同合同 → 合, 合同 twice (equal weights); "LAW 责任" → law, 责任.
    const out = await e.embed(['合同违约', '合同合同', 'LAW 责任', '无'], 'query');
    expectVectors(out, [unit(...add(E['合']!, E['合同']!, E['违约']!)), unit(...add(E['合']!, E['合同']!)), unit(...add(E.law!, E['责任']!)), [0, 0, 0]]);
  });

  it('feeds kind (0 query, 1 document) when the graph declares it', async () => {
    const e = await loadEmbedder(writeLexboneStatic(join(tempDir(), 'static-kind'), { kind: true }));
    opened.push(e);
    const base = add(E['合']!, E['合同']!, E['违约']!);
    expectVectors(await e.embed(['合同违约'], 'query'), [unit(...base)]);
    expectVectors(await e.embed(['合同违约'], 'document'), [unit(...add(base, STATIC_KIND))]);
  });

  it('re-normalises when the graph does not', async () => {
    const e = await loadEmbedder(writeLexboneStatic(join(tempDir(), 'static-raw'), { normalize: false }));
    opened.push(e);
    expectVectors(await e.embed(['合同违约'], 'document'), [unit(...add(E['合']!, E['合同']!, E['违约']!))]);
  });
});

describe('lexbone-static written by the trainer (train/static-model-writer.ts)', () => {
  it('loads and embeds: normalised Σ (1 + ln tf) · w_kind[id] · E[id]', async () => {
    const dir = join(tempDir(), 'trained-static');
    const tokens = ['<pad>', '合', '同', '合同', 'law'];
    const V = tokens.length;
    const D = 2;
    const embeddings = Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1, 2, 0]);
    const tokenWeights = Float32Array.from([0, 1, 1, 1, 1, /* documents: */ 0, 2, 1, 1, 1]);
    writeStaticModel(dir, { id: 'trained', stage: 'stage1', tokens, weights: { vocabSize: V, dimension: D, embeddings, tokenWeights }, maxLength: 16 });
    const e = await loadEmbedder(dir);
    opened.push(e);
    // 合同: 合 (1,0) + 合同 (1,1) + 同 (0,1) = (2,2) for a query; documents weigh 合 twice: (3,2).
    expectVectors(await e.embed(['合同'], 'query'), [unit(2, 2)]);
    expectVectors(await e.embed(['合同'], 'document'), [unit(3, 2)]);
    expect(e.info).toMatchObject({ id: 'trained', stage: 'stage1', family: 'lexbone-static', dimension: 2 });
  });
});

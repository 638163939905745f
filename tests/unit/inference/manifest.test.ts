import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../electron/backbone/inference/manifest';
import { listModels } from '../../../electron/backbone/inference/registry';
import { useTempDirs } from '../../helpers/temp';
import { writeCrossEncoder, writeLexboneStatic, writeTextEmbedder } from '../../helpers/tiny-models';
import { thrownSync } from '../../helpers/thrown';

const tempDir = useTempDirs();


function withManifest(dir: string, change: (m: Record<string, unknown>) => unknown): string {
  const m = JSON.parse(JSON.stringify({ id: 'm', role: 'embedder', family: 'bert-cls', maxLength: 8, dimension: 4 }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), '');
  writeFileSync(join(dir, 'tokenizer.json'), '{}');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(change(m) ?? m));
  return dir;
}

describe('loadManifest', () => {
  it('fills default files and stage, keeps training/metrics', () => {
    const dir = writeTextEmbedder(join(tempDir(), 'bge'), {
      family: 'bert-cls',
      manifest: { stage: undefined, training: { epochs: 2 }, metrics: { 'nDCG@10': 0.5 } },
    });
    const m = loadManifest(dir);
    expect(m.files).toEqual({ model: 'model.onnx', tokenizer: 'tokenizer.json', tokenizerConfig: 'tokenizer_config.json' });
    expect(m.stage).toBe('base');
    expect(m.training).toEqual({ epochs: 2 });
    expect(m.metrics).toEqual({ 'nDCG@10': 0.5 });
  });

  it('lexbone-static defaults its vocabulary to vocab.json', () => {
    expect(loadManifest(writeLexboneStatic(join(tempDir(), 's'))).files.vocab).toBe('vocab.json');
  });

  it('invalid JSON names the folder', () => {
    const dir = join(tempDir(), 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), '{ nope');
    const e = thrownSync(() => loadManifest(dir));
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('not valid JSON');
  });

  it('schema errors say which field', () => {
    const dir = withManifest(join(tempDir(), 'nodim'), (m) => {
      delete m.dimension;
    });
    expect(thrownSync(() => loadManifest(dir)).message).toMatch(/nodim.*needs "dimension"/);
    const dir2 = withManifest(join(tempDir(), 'badlen'), (m) => ({ ...m, maxLength: -1 }));
    expect(thrownSync(() => loadManifest(dir2)).message).toMatch(/badlen.*maxLength/);
  });

  it('unknown family names the folder and lists the known ones', () => {
    const dir = withManifest(join(tempDir(), 'mystery'), (m) => ({ ...m, family: 'word2vec' }));
    const e = thrownSync(() => loadManifest(dir));
    expect(e.code).toBe('UNKNOWN_FAMILY');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('"word2vec"');
    expect(e.message).toContain('qwen3-embedding');
  });

  it('a family of the other role, or a contradicting pooling, is refused', () => {
    const dir = withManifest(join(tempDir(), 'role'), (m) => ({ ...m, family: 'cross-encoder' }));
    expect(thrownSync(() => loadManifest(dir)).message).toMatch(/"cross-encoder" is a reranker/);
    const dir2 = withManifest(join(tempDir(), 'pool'), (m) => ({ ...m, pooling: 'mean' }));
    expect(thrownSync(() => loadManifest(dir2)).message).toMatch(/pooling "mean" does not fit family "bert-cls"/);
  });

  it('a missing model file names the folder and the file', () => {
    const dir = writeTextEmbedder(join(tempDir(), 'gone'), { family: 'bert-mean' });
    rmSync(join(dir, 'model.onnx'));
    const e = thrownSync(() => loadManifest(dir));
    expect(e.code).toBe('MODEL_FILE_MISSING');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('model.onnx');
  });
});

describe('listModels', () => {
  it('lists every manifest folder, reports broken ones and duplicate ids (first root wins)', () => {
    const a = tempDir();
    const b = tempDir();
    writeTextEmbedder(join(a, 'x'), { family: 'bert-cls', manifest: { id: 'x' } });
    withManifest(join(a, 'broken'), (m) => ({ ...m, family: 'nope' }));
    mkdirSync(join(a, 'not-a-model'));
    writeTextEmbedder(join(b, 'x-copy'), { family: 'bert-mean', manifest: { id: 'x' } });
    writeCrossEncoder(join(b, 'y'), { manifest: { id: 'y' } });

    const { models, problems } = listModels([a, b, join(a, 'no-such-root')]);
    expect(models.map((m) => [m.id, m.dir])).toEqual([
      ['x', join(a, 'x')],
      ['y', join(b, 'y')],
    ]);
    expect(problems.map((p) => [p.dir, p.error.code])).toEqual([
      [join(a, 'broken'), 'UNKNOWN_FAMILY'],
      [join(b, 'x-copy'), 'MODEL_INVALID'],
    ]);
    expect(problems[1]!.error.message).toContain(`already used by ${join(a, 'x')}`);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder, loadReranker } from '../../electron/backbone/inference/load-model';
import { isFeatureReranker } from '../../electron/backbone/inference/types';
import { featureReranker } from '../../electron/backbone/pipeline/rerankers';
import { RERANKER_FEATURES, runRerankerStage } from '../../electron/backbone/train/reranker-stages';
import { Library } from '../../electron/backbone/library';
import { runEmbedderStage } from '../../electron/backbone/train/embedder-stages';
import type { EvalQuery } from '../../electron/backbone/eval/stard-queries';
import { ROOT } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('three-stage trainers', () => {
  it('embedder then reranker stages 1 → 2 → 3 on the fixture corpus, each a loadable model folder with metrics', async () => {
    const dir = tempDir();
    const lib = new Library(join(dir, 'lexbone.db'));
    lib.import(FIXTURE_CORPUS);
    const id = (citation: string) => lib.article({ citation }).articleId;
    const q = (text: string, citation: string): EvalQuery => ({ id: text, text, relevant: new Set([id(citation)]), unresolved: [] });
    const train = [q('离婚后孩子的抚养费谁出', '民法典第1085条'), q('公司不签劳动合同要赔钱吗', '劳动合同法第82条'), q('违约金太高了怎么办', '民法典第585条')];
    const validation = [q('老人犯罪能从轻吗', '刑法第十七条之一')];
    const models = join(dir, 'models');
    for (const stage of [1, 2, 3] as const) {
      const r = await runEmbedderStage(stage, { lib, train, validation, seed: 7, modelsDir: models, dimension: 16, steps: 5 });
      expect(existsSync(join(r.dir, 'model.onnx'))).toBe(true);
      const manifest = JSON.parse(readFileSync(join(r.dir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ id: `builtin-embedder-stage${stage}`, stage: `stage${stage}`, family: 'lexbone-static', dimension: 16 });
      expect(manifest.metrics).toMatchObject({ split: 'validation', queries: 1 });
      expect(manifest.metrics['R@20']).toBeGreaterThanOrEqual(0);
      // The exported model runs in onnxruntime and gives unit vectors.
      const e = await loadEmbedder(r.dir);
      const [v] = await e.embed(['违约金'], 'query');
      expect(Math.hypot(...v!)).toBeCloseTo(1, 4);
      await e.close();
    }
    const embedderDir = join(models, 'builtin-embedder-stage2');
    const logs: string[] = [];
    for (const stage of [1, 2, 3] as const) {
      const r = await runRerankerStage(stage, { lib, train, validation, seed: 7, modelsDir: models, embedderDir, cacheDir: join(dir, 'folds'), log: (l) => logs.push(l) });
      const manifest = JSON.parse(readFileSync(join(r.dir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ id: `builtin-reranker-stage${stage}`, stage: `stage${stage}`, family: 'lexbone-features', featureNames: RERANKER_FEATURES });
      expect(manifest.training).toMatchObject({ stage, embedder: 'builtin-embedder-stage2' });
      expect(manifest.metrics).toMatchObject({ split: 'validation', queries: 1, budget: '60→10' });
      expect(manifest.metrics['RR@10']).toBeGreaterThanOrEqual(0);
      // priors.json is in the folder, so the pipeline computes the prior features the model was trained on.
      expect(JSON.parse(readFileSync(join(r.dir, 'priors.json'), 'utf8')).queries).toHaveLength(3);
      const model = await loadReranker(r.dir);
      expect(isFeatureReranker(model)).toBe(true);
      const adapter = featureReranker(model as never);
      const c = { articleId: 1, lawTitle: '中华人民共和国民法典', label: '第一千零八十五条', path: [], text: '离婚后，子女由一方直接抚养的，另一方应当负担部分或者全部抚养费。', lexical: { rank: 1, score: 9 }, dense: { rank: 1, score: 0.8 }, fusedRank: 1 };
      const scores = await adapter.rerank('离婚后孩子的抚养费', [c, { ...c, articleId: 2, lexical: null, dense: { rank: 50, score: 0.1 }, fusedRank: 50 }]);
      expect(scores.every(Number.isFinite)).toBe(true);
      await model.close();
    }
    // Stages 2 and 3 take their training candidates from cross-fitted fold embedders, cached for reuse.
    expect(logs.filter((l) => /^fold \d\/2: training an embedder/.test(l))).toHaveLength(2);
    expect(existsSync(join(dir, 'folds'))).toBe(true);
    lib.close();
  }, 120_000);
});

describe('npm run train, bad usage', () => {
  const train = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'cli', 'train.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('refuses a reranker stage with no trained embedder, and a library that does not exist, saying what to do', () => {
    const dir = tempDir();
    const noEmbedder = train(['--component', 'reranker', '--stage', '2', '--queries', 'q.json', '--out', join(dir, 'models'), '--db', join(dir, 'x.db')]);
    expect(noEmbedder.status).toBe(2);
    expect(noEmbedder.stderr).toMatch(/no trained embedder .*train one first/);
    const noLibrary = train(['--component', 'embedder', '--stage', '1', '--queries', 'q.json', '--corpus', join(dir, 'missing.db')]);
    expect(noLibrary.status).toBe(2);
    expect(noLibrary.stderr).toMatch(/no library at .*missing\.db: import a corpus into it first/);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    const unknown = train(['--component', 'tokenizer', '--stage', '1', '--queries', 'q.json']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/usage: npm run train -- --component embedder\|reranker/);
  }, 60_000);
});

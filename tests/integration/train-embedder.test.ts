import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../electron/backbone/inference/load-model';
import { Library } from '../../electron/backbone/library';
import { runEmbedderStage } from '../../electron/backbone/train/embedder-stages';
import type { EvalQuery } from '../../electron/backbone/eval/stard-queries';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('embedder stages', () => {
  it('runs stages 1 → 2 → 3 on the fixture corpus, each a loadable model folder with metrics', async () => {
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
    lib.close();
  }, 120_000);
});

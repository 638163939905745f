import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReranker } from '../../../electron/backbone/inference/load-model';
import { isFeatureReranker } from '../../../electron/backbone/inference/types';
import { featureReranker } from '../../../electron/backbone/pipeline/rerankers';
import type { RerankCandidate } from '../../../electron/backbone/pipeline/stages';
import { firstStageFeatureWeights, writeFeatureModel } from '../../../electron/backbone/train/feature-model-writer';
import { buildPriors, savePriors } from '../../../electron/backbone/pipeline/feature-priors';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();

describe('prior features at inference', () => {
  it('a features model with priors.json scores candidates of often-cited laws higher', async () => {
    const dir = join(tempDir(), 'reranker');
    const names = ['law_prior', 'bigram_overlap'];
    writeFeatureModel(dir, { id: 'r', stage: 'stage2', featureNames: names, weights: firstStageFeatureWeights(names, { law_prior: 1 }) });
    // 民法典 is cited by three train questions, 公司法 by one.
    savePriors(dir, buildPriors([
      { question: '离婚抚养费', articles: ['民法典第一千零八十五条'], laws: ['民法典'] },
      { question: '离婚财产分割', articles: ['民法典第一千零八十七条'], laws: ['民法典'] },
      { question: '离婚冷静期', articles: ['民法典第一千零七十七条'], laws: ['民法典'] },
      { question: '公司股东责任', articles: ['公司法第三条'], laws: ['公司法'] },
    ]));
    const model = await loadReranker(dir);
    expect(isFeatureReranker(model)).toBe(true);
    const adapter = featureReranker(model as never);
    const cand = (articleId: number, lawTitle: string): RerankCandidate => ({ articleId, lawTitle, label: '第五条', path: [], text: '条文', lexical: null, dense: null, fusedRank: 1 });
    const [often, rarely] = await adapter.rerank('孩子怎么办', [cand(75, '中华人民共和国民法典'), cand(95, '中华人民共和国公司法')]);
    expect(often!).toBeGreaterThan(rarely!);
    await model.close();
  });

  it('without priors.json a model that needs prior features is refused with a clear error', async () => {
    const dir = join(tempDir(), 'reranker');
    writeFeatureModel(dir, { id: 'r', stage: 'stage2', featureNames: ['law_prior'], weights: firstStageFeatureWeights(['law_prior'], { law_prior: 1 }) });
    const model = await loadReranker(dir);
    expect(() => featureReranker(model as never)).toThrow(/unknown feature names: law_prior/);
    await model.close();
  });
});

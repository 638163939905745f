import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReranker } from '../../../electron/backbone/inference/load-model';
import { isFeatureReranker } from '../../../electron/backbone/inference/types';
import { featureReranker } from '../../../electron/backbone/pipeline/rerankers';
import type { RerankCandidate } from '../../../electron/backbone/pipeline/stages';
import { firstStageFeatureWeights, writeFeatureModel } from '../../../electron/backbone/train/feature-model-writer';
import { buildPriors, savePriors } from '../../../electron/backbone/train/reranker/feature-priors';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();

describe('prior features at inference', () => {
  it('a features model with priors.json scores candidates of often-cited laws higher', async () => {
    const dir = join(tempDir(), 'reranker');
    const names = ['law_prior', 'bigram_overlap'];
    writeFeatureModel(dir, { id: 'r', stage: 'stage2', featureNames: names, weights: firstStageFeatureWeights(names, { law_prior: 1 }) });
    // Law 7 is cited by three train questions, law 9 by one.
    savePriors(dir, buildPriors([
      { question: '离婚抚养费', articles: [70], laws: [7] },
      { question: '离婚财产分割', articles: [71], laws: [7] },
      { question: '离婚冷静期', articles: [72], laws: [7] },
      { question: '公司股东责任', articles: [90], laws: [9] },
    ]));
    const model = await loadReranker(dir);
    expect(isFeatureReranker(model)).toBe(true);
    const lawOf = (id: number) => (id < 80 ? 7 : 9);
    const adapter = featureReranker(model as never, lawOf);
    const cand = (articleId: number): RerankCandidate => ({ articleId, lawTitle: '某法', path: [], text: '条文', lexical: null, dense: null, fusedRank: 1 });
    const [often, rarely] = await adapter.rerank('孩子怎么办', [cand(75), cand(95)]);
    expect(often!).toBeGreaterThan(rarely!);
    await model.close();
  });

  it('without priors.json a model that needs prior features is refused with a clear error', async () => {
    const dir = join(tempDir(), 'reranker');
    writeFeatureModel(dir, { id: 'r', stage: 'stage2', featureNames: ['law_prior'], weights: firstStageFeatureWeights(['law_prior'], { law_prior: 1 }) });
    const model = await loadReranker(dir);
    expect(() => featureReranker(model as never, () => 1)).toThrow(/unknown feature names: law_prior/);
    await model.close();
  });
});

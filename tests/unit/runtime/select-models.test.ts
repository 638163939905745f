import { describe, expect, it } from 'vitest';
import type { ListedModel } from '../../../electron/backbone/inference/registry';
import { selectModels } from '../../../electron/backbone/runtime/select-models';

const model = (id: string, role: 'embedder' | 'reranker', family: string, stage: string, metrics?: Record<string, unknown>): ListedModel =>
  ({ id, role, family, stage, metrics, dir: `/m/${id}` }) as unknown as ListedModel;

const builtIns = [
  model('e1', 'embedder', 'lexbone-static', 'stage1', { split: 'validation', 'R@60': 0.64 }),
  model('e2', 'embedder', 'lexbone-static', 'stage2', { split: 'validation', 'R@60': 0.8 }),
  model('e3', 'embedder', 'lexbone-static', 'stage3', { split: 'validation', 'R@60': 0.79 }),
  model('r1', 'reranker', 'lexbone-features', 'stage1', { split: 'validation', 'nDCG@10': 0.53, 'R@60': 0.99 }),
  model('r2', 'reranker', 'lexbone-features', 'stage2', { split: 'validation', 'nDCG@10': 0.56 }),
  model('r3', 'reranker', 'lexbone-features', 'stage3', { split: 'validation', 'nDCG@10': 0.57 }),
];

describe('model selection', () => {
  it('picks each built-in component at its best stage for its role: embedder by R@60, reranker by nDCG@10', () => {
    const c = selectModels(builtIns, {});
    expect(c.embedder?.id).toBe('e2');
    expect(c.reranker?.id).toBe('r3');
  });

  it('prefers an installed pretrained export over the built-in models', () => {
    const c = selectModels([...builtIns, model('qwen3-embedding-0.6b', 'embedder', 'qwen3-embedding', 'base')], {});
    expect(c.embedder?.id).toBe('qwen3-embedding-0.6b');
  });

  it('without metrics falls back to the stage order (embedder late, reranker stage 2)', () => {
    const bare = builtIns.map((m) => ({ ...m, metrics: undefined }));
    const c = selectModels(bare, {});
    expect(c.embedder?.id).toBe('e3');
    expect(c.reranker?.id).toBe('r2');
  });

  it('a named id wins; an unknown one is reported missing; null turns a role off', () => {
    const c = selectModels(builtIns, { embedder: 'e1', reranker: 'nope' });
    expect(c.embedder?.id).toBe('e1');
    expect(c.reranker).toBeNull();
    expect(c.missing).toEqual(['nope']);
    expect(selectModels(builtIns, { embedder: null }).embedder).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseLatencyTargets, pickEmbedder, pickReranker, tunePresets } from '../../../electron/backbone/versions/select-components';

describe('component-wise selection', () => {
  it('picks the embedder by recall at the standard budget, not by RR@10', () => {
    const rows = [
      { id: 'stage2', metrics: { 'R@60': 0.818, 'R@300': 0.914, 'RR@10': 0.535 } },
      { id: 'stage3', metrics: { 'R@60': 0.815, 'R@300': 0.909, 'RR@10': 0.539 } },
      { id: 'stage1', metrics: { 'R@60': 0.641, 'R@300': 0.764, 'RR@10': 0.373 } },
    ];
    expect(pickEmbedder(rows, 60, 300)).toEqual({ id: 'stage2', measure: 'R@60', value: 0.818, runnerUp: { id: 'stage3', value: 0.815 } });
    // A tie at K is broken by deeper recall.
    const tied = [{ id: 'a', metrics: { 'R@60': 0.8, 'R@300': 0.85 } }, { id: 'b', metrics: { 'R@60': 0.8, 'R@300': 0.9 } }];
    expect(pickEmbedder(tied, 60, 300).id).toBe('b');
  });

  it('picks the reranker by nDCG, and no reranker when none beats the first-stage order', () => {
    const none = { id: null, metrics: { 'nDCG@10': 0.514, 'RR@10': 0.534 } };
    const s2 = { id: 'stage2', metrics: { 'nDCG@10': 0.573, 'RR@10': 0.601 } };
    const s3 = { id: 'stage3', metrics: { 'nDCG@10': 0.573, 'RR@10': 0.605 } };
    expect(pickReranker([none, s2, s3], 10)).toMatchObject({ id: 'stage3', measure: 'nDCG@10', value: 0.573 });
    const worse = { id: 'bad', metrics: { 'nDCG@10': 0.4, 'RR@10': 0.45 } };
    expect(pickReranker([worse, none], 10)).toMatchObject({ id: null, runnerUp: { id: 'bad', value: 0.4 } });
  });

  it('tunes each preset to the largest K within its p95 target and reads recall off the curve', () => {
    const latency = [{ k: 20, p95Ms: 30 }, { k: 60, p95Ms: 55 }, { k: 100, p95Ms: 80 }, { k: 300, p95Ms: 190 }];
    const curve = Array.from({ length: 300 }, (_, i) => (i + 1) / 300);
    expect(tunePresets({ quick: 40, standard: 100, research: 20 }, latency, curve)).toEqual([
      { preset: 'quick', targetMs: 40, k: 20, p95Ms: 30, recall: 20 / 300 },
      { preset: 'standard', targetMs: 100, k: 100, p95Ms: 80, recall: 100 / 300 },
      { preset: 'research', targetMs: 20, k: null, p95Ms: null, recall: null },
    ]);
  });

  it('parses latency targets and names a bad one', () => {
    expect(parseLatencyTargets('quick=50, standard=120.5')).toEqual({ quick: 50, standard: 120.5 });
    expect(() => parseLatencyTargets('fast=50')).toThrow(/"fast=50" is not a latency target/);
  });
});

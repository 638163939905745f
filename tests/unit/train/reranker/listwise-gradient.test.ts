import { describe, expect, it } from 'vitest';
import { normal, rng } from '../../../../electron/backbone/train/random';
import { centralDifference } from '../../../helpers/central-difference';
import { listwiseObjective, type PreparedList } from '../../../../electron/backbone/train/reranker/listwise';
import { listwiseSoftmaxLoss } from '../../../../electron/backbone/train/reranker/listwise-loss';
import { forward, initParams, paramCount, type ModelShape } from '../../../../electron/backbone/train/reranker/listwise-model';

/** Central differences of f at p, one coordinate at a time. */
function numericGradient(f: (p: Float64Array) => number, p: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) g[i] = centralDifference(p, i, () => f(p), h);
  return g;
}

/** Largest |a − n| / max(|a|, |n|), with a floor for coordinates whose gradient is ~0. */
function maxRelativeError(a: Float64Array, n: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - n[i]!) / Math.max(Math.abs(a[i]!), Math.abs(n[i]!), 1e-6));
  return worst;
}

function randomLists(F: number, sizes: number[], seed: number): PreparedList[] {
  const gauss = normal(rng(seed));
  return sizes.map((n, k) => ({
    n,
    x: Float64Array.from({ length: n * F }, () => gauss()),
    // list 0: one relevant; list 1: two relevant (uniform target over both); list 2: none (skipped)
    labels: Array.from({ length: n }, (_, i) => (k === 0 ? +(i === 2) : k === 1 ? +(i < 2) : 0)),
  }));
}

describe('listwise softmax cross-entropy', () => {
  it('has hand-computed values', () => {
    // scores (0, 0): softmax (½, ½), target (1, 0): L = ln 2, ∂L/∂s = (−½, ½)
    const a = listwiseSoftmaxLoss([0, 0], [1, 0])!;
    expect(a.loss).toBeCloseTo(Math.LN2, 12);
    expect(Array.from(a.grad)).toEqual([-0.5, 0.5]);
    // scores (ln 2, 0, 0) with the first two relevant: Z = 4, L = ln 4 − (ln 2)/2 = 1.5 ln 2
    const b = listwiseSoftmaxLoss([Math.LN2, 0, 0], [1, 1, 0])!;
    expect(b.loss).toBeCloseTo(1.5 * Math.LN2, 12);
    Array.from(b.grad).forEach((g, i) => expect(g).toBeCloseTo([0.5 - 0.5, 0.25 - 0.5, 0.25][i]!, 12));
    expect(listwiseSoftmaxLoss([1, 2], [0, 0])).toBeNull();
  });

  it('is stable for large scores', () => {
    const l = listwiseSoftmaxLoss([1000, 0], [1, 0])!;
    expect(l.loss).toBeCloseTo(0, 12);
    expect(Number.isFinite(l.grad[1])).toBe(true);
  });

  it('gradient matches finite differences', () => {
    const gauss = normal(rng(3));
    const s = Float64Array.from({ length: 7 }, () => gauss());
    const labels = [0, 1, 0, 0, 1, 1, 0];
    const num = numericGradient((p) => listwiseSoftmaxLoss(p, labels)!.loss, s);
    expect(maxRelativeError(listwiseSoftmaxLoss(s, labels)!.grad, num)).toBeLessThan(1e-4);
  });
});

describe('listwise objective: model backward + loss + L2 against finite differences (float64)', () => {
  it.each([
    ['one hidden ReLU layer', { features: 3, hidden: 4 }],
    ['linear', { features: 3, hidden: 0 }],
  ] as [string, ModelShape][])('%s', (_name, shape) => {
    const lists = randomLists(shape.features, [5, 4, 6], 7);
    const params = initParams(shape, 11);
    // Non-zero biases and linear weights, so every parameter's gradient is exercised.
    const gauss = normal(rng(5));
    for (let i = 0; i < params.length; i++) params[i] += 0.3 * gauss();
    expect(params.length).toBe(paramCount(shape));
    // Finite differences are only valid away from ReLU kinks: no pre-activation near 0.
    for (const l of lists) for (const z of forward(shape, params, l.x, l.n).z) expect(Math.abs(z)).toBeGreaterThan(1e-3);

    const l2 = 0.05;
    const { grad } = listwiseObjective(shape, params, lists, l2);
    const num = numericGradient((p) => listwiseObjective(shape, p, lists, l2).loss, params);
    expect(maxRelativeError(grad, num)).toBeLessThan(1e-4);
    expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
  });
});

import { rng } from '../../../../electron/backbone/train/random';
import type { ListwiseList } from '../../../../electron/backbone/train/reranker/listwise';

/**
 * Toy ranking lists: each candidate has features (a, b, noise, noise) uniform in [−1, 1] (then
 * scaled and shifted, so standardisation has work to do); the one relevant candidate of a list is
 * the one with the largest a·b — a function no linear score can rank by.
 */
export function toyLists(count: number, size: number, seed: number): ListwiseList[] {
  const rand = rng(seed);
  const u = () => 2 * rand() - 1;
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: size }, () => [u(), u(), u(), u()]);
    let best = 0;
    raw.forEach((r, i) => {
      if (r[0]! * r[1]! > raw[best]![0]! * raw[best]![1]!) best = i;
    });
    return {
      features: raw.map((r) => Float32Array.from(r, (v, f) => v * (f + 1) * 3 + 10 * f)),
      labels: raw.map((_, i) => (i === best ? 1 : 0)),
    };
  });
}

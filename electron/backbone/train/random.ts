/** A seeded PRNG (mulberry32) and normal samples, so training and initialisation are repeatable. */
export function rng(seed: number): () => number {
  const r = statefulRng(seed);
  return () => r.next();
}

/** The same generator with its state readable and settable (a training checkpoint saves it). */
export function statefulRng(seed: number): { next(): number; state: number } {
  return {
    state: seed >>> 0,
    next() {
      this.state = (this.state + 0x6d2b79f5) >>> 0;
      let t = this.state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** `n` of `items` in a seeded random order (Fisher–Yates on a copy). */
export function sample<T>(items: readonly T[], n: number, rand: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

/** Standard normal samples (Box–Muller). */
export function normal(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

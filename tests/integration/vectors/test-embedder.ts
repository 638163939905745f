import type { Embedder, ModelInfo, ProviderInfo, TextKind } from '../../../electron/backbone/inference/types';

/**
 * A deterministic stand-in for an embedding model (the index under test is real): character
 * unigrams and bigrams hashed (FNV-1a, seeded) into `dimension` buckets with a hashed sign, mixed
 * by a fixed random matrix (so vectors are dense, like a model's, not mostly zeros), then
 * L2-normalised. Texts sharing words get similar vectors; two seeds give two unrelated "models".
 * Counts calls and texts so tests can check what was re-embedded.
 */
export class HashEmbedder implements Embedder {
  readonly info: ModelInfo;
  calls = 0;
  texts: string[] = [];
  /** Delay per embed() call, to let a test abort or kill mid-run. */
  delayMs = 0;

  private readonly mix: Float32Array;

  constructor(
    id = 'test-hash',
    readonly dimension = 16,
    private readonly seed = 0,
  ) {
    this.info = { id, role: 'embedder', stage: 'base', family: 'test', dir: '', dimension, maxLength: 512 };
    // Seeded uniform(-1, 1) mixing matrix (xorshift32).
    let x = (seed * 2654435761 + 1) >>> 0 || 1;
    this.mix = Float32Array.from({ length: dimension * dimension }, () => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x / 2147483648 - 1;
    });
  }

  async embed(texts: string[], _kind: TextKind): Promise<Float32Array[]> {
    this.calls++;
    this.texts.push(...texts);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return texts.map((t) => this.vector(t));
  }

  vector(text: string): Float32Array {
    const v = new Float32Array(this.dimension);
    const chars = [...text.replace(/\s+/g, '')];
    const add = (gram: string, w: number): void => {
      let h = (0x811c9dc5 ^ this.seed) >>> 0;
      for (let i = 0; i < gram.length; i++) h = Math.imul(h ^ gram.charCodeAt(i), 0x01000193) >>> 0;
      v[h % this.dimension]! += (h & 0x80000000 ? 1 : -1) * w;
    };
    chars.forEach((c, i) => {
      add(c, 0.5);
      if (i + 1 < chars.length) add(c + chars[i + 1]!, 1);
    });
    const d = this.dimension;
    const out = new Float32Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i]! += this.mix[i * d + j]! * v[j]!;
    let s = 0;
    for (const x of out) s += x * x;
    if (s === 0) {
      out[0] = 1;
      return out;
    }
    const n = Math.sqrt(s);
    return out.map((x) => x / n);
  }

  provider(): ProviderInfo {
    return { active: 'cpu', tried: ['cpu'], fallbackReason: null };
  }

  async close(): Promise<void> {}
}

/** Exact cosine top-k by brute force over the embedder's own vectors (ties by id). */
export function bruteForce(query: Float32Array, docs: Map<number, Float32Array>, k: number): { articleId: number; score: number }[] {
  const scored = [...docs].map(([articleId, v]) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * query[i]!;
    return { articleId, score: s };
  });
  return scored.sort((a, b) => b.score - a.score || a.articleId - b.articleId).slice(0, k);
}

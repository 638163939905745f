import type { EmbedderParams } from './embedder-params';
import type { SparseGrads } from './embedder-backward';

/**
 * Lazy (sparse) Adam: only the rows and weights a batch touched are updated, each with its own step
 * count for bias correction, so a token seen once in a thousand batches is not dragged by stale
 * moments. Token weights are kept ≥ 0 (a negative weight would flip a token's meaning).
 */
export interface AdamOptions {
  lrEmbeddings: number;
  lrWeights: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export class LazyAdam {
  private readonly mE: Float32Array;
  private readonly vE: Float32Array;
  private readonly tE: Uint32Array;
  private readonly mW: Float32Array;
  private readonly vW: Float32Array;
  private readonly tW: Uint32Array;

  constructor(private readonly p: EmbedderParams, private readonly o: AdamOptions) {
    this.mE = new Float32Array(p.embeddings.length);
    this.vE = new Float32Array(p.embeddings.length);
    this.tE = new Uint32Array(p.vocabSize);
    this.mW = new Float32Array(p.tokenWeights.length);
    this.vW = new Float32Array(p.tokenWeights.length);
    this.tW = new Uint32Array(p.tokenWeights.length);
  }

  step(g: SparseGrads): void {
    const b1 = this.o.beta1 ?? 0.9;
    const b2 = this.o.beta2 ?? 0.999;
    const eps = this.o.eps ?? 1e-8;
    const D = this.p.dimension;
    for (const [id, grad] of g.rows) {
      const t = ++this.tE[id]!;
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      const o = id * D;
      for (let d = 0; d < D; d++) {
        const gi = grad[d]!;
        const m = (this.mE[o + d] = b1 * this.mE[o + d]! + (1 - b1) * gi);
        const v = (this.vE[o + d] = b2 * this.vE[o + d]! + (1 - b2) * gi * gi);
        this.p.embeddings[o + d]! -= (this.o.lrEmbeddings * (m / c1)) / (Math.sqrt(v / c2) + eps);
      }
    }
    for (const [i, gi] of g.weights) {
      const t = ++this.tW[i]!;
      const m = (this.mW[i] = b1 * this.mW[i]! + (1 - b1) * gi);
      const v = (this.vW[i] = b2 * this.vW[i]! + (1 - b2) * gi * gi);
      const next = this.p.tokenWeights[i]! - (this.o.lrWeights * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      this.p.tokenWeights[i] = Math.max(0, next);
    }
  }

  /** The optimiser's moments and step counts, by name (for a checkpoint). */
  state(): Record<string, Float32Array | Uint32Array> {
    return { mE: this.mE, vE: this.vE, tE: this.tE, mW: this.mW, vW: this.vW, tW: this.tW };
  }

  restore(s: Record<string, Float32Array | Uint32Array>): void {
    for (const [k, v] of Object.entries(this.state())) {
      const saved = s[k];
      if (!saved || saved.length !== v.length) throw new Error(`checkpoint: optimiser state ${k} does not fit`);
      v.set(saved);
    }
  }
}

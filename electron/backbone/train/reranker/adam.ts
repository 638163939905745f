/**
 * Adam (Kingma & Ba) over one flat float64 parameter vector, with bias correction. Deterministic:
 * no randomness, updates in index order.
 */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;

  constructor(
    size: number,
    private readonly opts: AdamOptions,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.b1 = opts.beta1 ?? 0.9;
    this.b2 = opts.beta2 ?? 0.999;
    this.eps = opts.epsilon ?? 1e-8;
  }

  /** params −= lr · m̂ / (√v̂ + ε). */
  step(params: Float64Array, grad: Float64Array): void {
    this.t++;
    const c1 = 1 - this.b1 ** this.t;
    const c2 = 1 - this.b2 ** this.t;
    const lr = this.opts.learningRate;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      this.m[i] = this.b1 * this.m[i] + (1 - this.b1) * g;
      this.v[i] = this.b2 * this.v[i] + (1 - this.b2) * g * g;
      params[i] -= (lr * (this.m[i] / c1)) / (Math.sqrt(this.v[i] / c2) + this.eps);
    }
  }
}

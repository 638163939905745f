/**
 * What a family module implements, and `Graph`: the checks of a session's declared inputs and
 * outputs against a family's contract (done at load, so a wrong export fails with a sentence naming
 * the folder, not with an ORT error at the first query), plus running it.
 */
import * as ort from 'onnxruntime-node';
import { createError, type LexboneError } from '../../../contract/errors';
import type { BatchLimits } from '../batching';
import type { ModelManifest } from '../manifest';
import type { ReadingInput, TextKind } from '../types';

export interface FamilyContext {
  dir: string;
  manifest: ModelManifest;
  session: ort.InferenceSession;
  limits: BatchLimits;
}

export interface EmbedderCore {
  /** Output dimension after any MRL truncation. */
  dimension: number;
  embed(texts: string[], kind: TextKind): Promise<Float32Array[]>;
}

export interface RerankerCore {
  score(query: string, documents: string[]): Promise<number[]>;
  featureNames?: readonly string[];
  /** Whether scoreFeatures also needs the question and the candidates' texts (lexbone-reader). */
  reads?: boolean;
  scoreFeatures?(features: Float32Array[], reading?: ReadingInput): Promise<number[]>;
}

export type FamilyImpl =
  | { role: 'embedder'; open(ctx: FamilyContext): EmbedderCore }
  | { role: 'reranker'; open(ctx: FamilyContext): RerankerCore };

type Shape = readonly (number | string)[];

/**
 * Inputs of decoder exports with a KV cache, fed when declared: an empty past, the no-cache branch,
 * and logits for the last position only.
 */
const DECODER_INPUT = /^past_key_values\.|^use_cache_branch$|^(num_)?logits_to_keep$/;

export function int64(data: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', data, dims);
}

export function int32(data: Int32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int32', data, dims);
}

export function float32(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

export class Graph {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];

  constructor(
    private readonly ctx: FamilyContext,
    private readonly family: string,
  ) {
    this.inputs = ctx.session.inputNames;
    this.outputs = ctx.session.outputNames;
  }

  mismatch(detail: string): LexboneError {
    return createError('MODEL_SHAPE_MISMATCH', this.ctx.dir, detail);
  }

  has(input: string): boolean {
    return this.inputs.includes(input);
  }

  /** Every `required` input is declared, and nothing is declared that the family cannot feed. */
  checkInputs(required: readonly string[], optional: readonly string[] = []): void {
    const missing = required.filter((n) => !this.has(n));
    if (missing.length > 0) {
      throw this.mismatch(
        `a ${this.family} model needs the inputs ${required.join(', ')}, but the model declares ${this.inputs.join(', ') || 'none'}`,
      );
    }
    const unknown = this.inputs.filter((n) => !required.includes(n) && !optional.includes(n) && !DECODER_INPUT.test(n));
    if (unknown.length > 0) {
      throw this.mismatch(`the model declares the input ${unknown.join(', ')}, which a ${this.family} model does not provide`);
    }
  }

  /** The first of `preferred` that the model outputs, else (when `orFirst`) its first output. */
  output(preferred: readonly string[], orFirst = true): string {
    const found = preferred.find((n) => this.outputs.includes(n));
    if (found) return found;
    if (orFirst && this.outputs.length > 0) return this.outputs[0]!;
    throw this.mismatch(`a ${this.family} model must output ${preferred.join(' or ')}; the model outputs ${this.outputs.join(', ')}`);
  }

  private shape(list: readonly ort.InferenceSession.ValueMetadata[] | undefined, name: string): Shape | undefined {
    const meta = list?.find((m) => m.name === name);
    return meta?.isTensor && meta.shape.length > 0 ? meta.shape : undefined;
  }

  inputShape(name: string): Shape | undefined {
    return this.shape(this.ctx.session.inputMetadata, name);
  }

  outputShape(name: string): Shape | undefined {
    return this.shape(this.ctx.session.outputMetadata, name);
  }

  /** Checks an output's rank (one of `ranks`) from the declared shape, when the model declares it. */
  checkRank(name: string, ranks: readonly number[]): Shape | undefined {
    const shape = this.outputShape(name);
    if (shape && !ranks.includes(shape.length)) {
      throw this.mismatch(`the output ${name} has ${shape.length} dimensions; a ${this.family} model's has ${ranks.join(' or ')}`);
    }
    return shape;
  }

  /** Checks a size the manifest states against one the model states or produced. */
  checkSize(what: string, expected: number | undefined, actual: number | string | undefined): void {
    if (expected !== undefined && typeof actual === 'number' && actual !== expected) {
      throw this.mismatch(`the manifest says ${what} ${expected} but the model ${what === 'dimension' ? 'outputs' : 'has'} ${actual}`);
    }
  }

  /** Decoder-export inputs (see DECODER_INPUT) for the models that declare them. */
  private decoderFeeds(batch: number): Record<string, ort.Tensor> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const meta of this.ctx.session.inputMetadata) {
      if (!DECODER_INPUT.test(meta.name) || !meta.isTensor) continue;
      if (meta.name === 'use_cache_branch') {
        feeds[meta.name] = new ort.Tensor('bool', new Uint8Array(1), [1]);
        continue;
      }
      if (meta.name.endsWith('logits_to_keep')) {
        feeds[meta.name] = new ort.Tensor('int64', BigInt64Array.of(1n), meta.shape.length === 0 ? [] : [1]);
        continue;
      }
      const dims = meta.shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? batch : 0));
      feeds[meta.name] =
        meta.type === 'float16' ? new ort.Tensor('float16', new Uint16Array(0), dims) : new ort.Tensor('float32', new Float32Array(0), dims);
    }
    return feeds;
  }

  /** Runs the session on `feeds` (only the declared ones are passed) and returns one output. */
  async run(feeds: Record<string, ort.Tensor>, output: string, batch: number): Promise<ort.Tensor> {
    const declared: Record<string, ort.Tensor> = this.decoderFeeds(batch);
    for (const name of this.inputs) if (feeds[name]) declared[name] = feeds[name];
    const result = await this.ctx.session.run(declared, [output]);
    return result[output]!;
  }
}

/** A float output as float32 (float16 exports are widened). */
export function floats(t: ort.Tensor): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  if (t.type === 'float16' && t.data instanceof Uint16Array) return Float32Array.from(t.data, halfToFloat);
  return Float32Array.from(t.data as ArrayLike<number>);
}

/** One element of a float output, without widening the whole tensor. */
export function floatAt(t: ort.Tensor, i: number): number {
  const v = (t.data as ArrayLike<number>)[i]!;
  return t.type === 'float16' && t.data instanceof Uint16Array ? halfToFloat(v) : v;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

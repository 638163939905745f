import { writeModelFolder } from './model-folder';
import { staticEmbedderModel, type StaticEmbedderWeights } from '../onnx/static-embedder-graph';
import { normal, rng } from './random';

export interface StaticModelSpec {
  id: string;
  stage: string;
  tokens: string[];
  weights: StaticEmbedderWeights;
  /** Most token ids per text. */
  maxLength: number;
  description?: string;
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

/**
 * Writes a complete `lexbone-static` model folder (model.onnx, vocab.json, manifest.json). The
 * folder is written beside the target and renamed into place, so a crash never leaves half a model.
 */
export function writeStaticModel(dir: string, spec: StaticModelSpec): void {
  const manifest = {
    id: spec.id,
    role: 'embedder',
    stage: spec.stage,
    family: 'lexbone-static',
    files: { model: 'model.onnx', vocab: 'vocab.json' },
    maxLength: spec.maxLength,
    dimension: spec.weights.dimension,
    description: spec.description,
    training: spec.training,
    metrics: spec.metrics,
  };
  writeModelFolder(dir, { 'model.onnx': staticEmbedderModel(spec.weights), 'vocab.json': JSON.stringify({ tokens: spec.tokens, unigram: true, bigram: true }) }, manifest);
}

/**
 * A random-projection start: each token a random Gaussian direction, weighted by its idf for both
 * queries and documents. Retrieves by weighted token overlap, like BM25 without saturation; the
 * trainer starts from something better, but this is a real, runnable base model.
 */
export function randomStaticWeights(docFreq: Uint32Array, docs: number, dimension: number, seed = 1): StaticEmbedderWeights {
  const V = docFreq.length;
  const gauss = normal(rng(seed));
  const embeddings = new Float32Array(V * dimension);
  const scale = 1 / Math.sqrt(dimension);
  for (let i = dimension; i < embeddings.length; i++) embeddings[i] = gauss() * scale; // row 0 = padding stays 0
  const tokenWeights = new Float32Array(2 * V);
  for (let t = 1; t < V; t++) {
    const idf = Math.log((docs + 1) / (docFreq[t]! + 1)) + 1;
    tokenWeights[t] = idf;
    tokenWeights[V + t] = idf;
  }
  return { vocabSize: V, dimension, embeddings, tokenWeights };
}

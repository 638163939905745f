import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeModelFolder } from './model-folder';
import { featureRerankerModel, type FeatureRerankerWeights } from '../onnx/feature-reranker-graph';
import { readInitializers } from '../onnx/read-initializers';
import { READING_KERNELS } from '../inference/reading';
import { readerModel, type ReaderWeights } from '../onnx/reader-graph';
import { READING_FEATURE_NAMES } from '../inference/reading';

export interface FeatureModelSpec {
  id: string;
  stage: string;
  featureNames: string[];
  weights: FeatureRerankerWeights;
  description?: string;
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  /** More files for the folder (e.g. priors.json), written in the same atomic rename. */
  extraFiles?: Record<string, string | Uint8Array>;
}

/** The manifest of a built-in reranker folder (both families). */
function rerankerManifest(spec: FeatureModelSpec, family: 'lexbone-features' | 'lexbone-reader', files: Record<string, string>) {
  const { id, stage, featureNames, description, training, metrics } = spec;
  return { id, role: 'reranker', stage, family, files, maxLength: 1, featureNames, description, training, metrics };
}

/** Writes a complete `lexbone-features` reranker folder, renamed into place when whole. */
export function writeFeatureModel(dir: string, spec: FeatureModelSpec): void {
  if (spec.featureNames.length !== spec.weights.features) throw new Error('featureNames must match the weights');
  const manifest = rerankerManifest(spec, 'lexbone-features', { model: 'model.onnx' });
  writeModelFolder(dir, { 'model.onnx': featureRerankerModel(spec.weights), ...spec.extraFiles }, manifest);
}

export interface ReaderModelSpec extends Omit<FeatureModelSpec, 'featureNames'> {
  /** The caller's features (the scorer also takes READING_FEATURE_NAMES after them). */
  featureNames: string[];
  reader: Omit<ReaderWeights, 'scorer'>;
  /** The vocabulary of the reader's table (its ids index `reader.table`). */
  tokens: string[];
}

/** Writes a complete `lexbone-reader` reranker folder (model, its vocabulary, extra files), renamed into place when whole. */
export function writeReaderModel(dir: string, spec: ReaderModelSpec): void {
  if (spec.featureNames.length + READING_FEATURE_NAMES.length !== spec.weights.features) throw new Error('featureNames and the reading features must match the weights');
  if (spec.tokens.length !== spec.reader.vocabSize) throw new Error('the vocabulary must match the reader table');
  const manifest = rerankerManifest(spec, 'lexbone-reader', { model: 'model.onnx', vocab: 'vocab.json' });
  const files = {
    'model.onnx': readerModel({ ...spec.reader, scorer: spec.weights }, READING_KERNELS),
    'vocab.json': JSON.stringify({ tokens: spec.tokens, unigram: true, bigram: true }) + '\n',
    ...spec.extraFiles,
  };
  writeModelFolder(dir, files, manifest);
}

/**
 * Reads a lexbone-features or lexbone-reader folder back into its scorer's weights and the names of
 * the scorer's inputs (a reader's include READING_FEATURE_NAMES), so a later stage starts from them.
 */
export function readFeatureModel(dir: string): { weights: FeatureRerankerWeights; featureNames: string[] } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { featureNames: string[]; family: string };
  if (manifest.family === 'lexbone-reader') manifest.featureNames = [...manifest.featureNames, ...READING_FEATURE_NAMES];
  // A linear model (hidden 0) has no first layer.
  const t = readInitializers(join(dir, 'model.onnx'), ['mean', 'std', 'w2', 'b2'], ['w1', 'b1']);
  const F = manifest.featureNames.length;
  const hidden = t.w1 ? t.w1.dims[1]! : 0;
  if (t.mean!.data.length !== F) throw new Error(`${dir}: the model has ${t.mean!.data.length} features, the manifest ${F}`);
  return {
    featureNames: manifest.featureNames,
    weights: {
      features: F, hidden, mean: t.mean!.data, std: t.std!.data,
      w1: t.w1?.data ?? new Float32Array(0), b1: t.b1?.data ?? new Float32Array(0), w2: t.w2!.data, b2: t.b2!.data[0]!,
    },
  };
}

/** A hand-set linear model: first-stage evidence only (no training). */
export function firstStageFeatureWeights(names: string[], coefficients: Record<string, number>): FeatureRerankerWeights {
  const F = names.length;
  return {
    features: F, hidden: 0,
    mean: new Float32Array(F), std: new Float32Array(F).fill(1),
    w1: new Float32Array(0), b1: new Float32Array(0),
    w2: Float32Array.from(names, (n) => coefficients[n] ?? 0), b2: 0,
  };
}

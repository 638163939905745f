import { writeModelFolder } from './model-folder';
import { featureRerankerModel, type FeatureRerankerWeights } from '../onnx/feature-reranker-graph';

export interface FeatureModelSpec {
  id: string;
  stage: string;
  featureNames: string[];
  weights: FeatureRerankerWeights;
  description?: string;
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

/** Writes a complete `lexbone-features` reranker folder, renamed into place when whole. */
export function writeFeatureModel(dir: string, spec: FeatureModelSpec): void {
  if (spec.featureNames.length !== spec.weights.features) throw new Error('featureNames must match the weights');
  const manifest = {
    id: spec.id,
    role: 'reranker',
    stage: spec.stage,
    family: 'lexbone-features',
    files: { model: 'model.onnx' },
    maxLength: 1,
    featureNames: spec.featureNames,
    description: spec.description,
    training: spec.training,
    metrics: spec.metrics,
  };
  writeModelFolder(dir, { 'model.onnx': featureRerankerModel(spec.weights) }, manifest);
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

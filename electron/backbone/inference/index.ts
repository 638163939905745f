export type { Embedder, FeatureReranker, ModelInfo, ModelRole, ProviderInfo, Reranker, TextKind } from './types';
export { isFeatureReranker } from './types';
export { FAMILIES, loadManifest, manifestSchema, type FamilyName, type ModelManifest } from './manifest';
export { listModels, type ListedModel, type ModelListing, type ModelProblem } from './registry';
export { openSession, preferredProviders, type OpenedSession, type SessionOptions } from './session';
export { loadEmbedder, loadModel, loadReranker, type LoadOptions } from './load-model';
export { encodeStatic, loadStaticVocab, parseStaticVocab, staticTermList, type StaticVocab } from './static-vocab';

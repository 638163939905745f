export { articleEmbeddingText, embeddingTextHash, HEAD_MAX_CHARS, TEXT_MAX_CHARS, type ArticleForEmbedding } from './article-text';
export { loadVectorExtension, vectorExtensionPath, vectorExtensionVersion } from './extension';
export { indexArticles, type IndexOptions, type IndexProgress, type IndexReport } from './indexer';
export { chooseQuantization, MAX_K, QUANTIZATIONS, rescoreDepth, type Quantization } from './quantization';
export {
  activateIndex, activeIndex, dropIndex, ensureIndex, getIndex, listIndexes, servableIndex, vectorIndexKey,
  type IndexSpec, type IndexState, type ModelIdentity, type VectorIndexInfo,
} from './registry';
export { searchVectors, type SearchVectorsOptions, type VectorHit } from './search';

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../../contract/errors';
import { readingText } from '../inference/reading';
import { isFeatureReranker, type FeatureReranker, type Reranker } from '../inference/types';
import { loadPriors, PRIORS_FILE } from './feature-priors';
import { checkFeatureNamesWithPriors, featureVectorWithPriors } from './rerank-features';
import type { CandidateReranker, RerankCandidate } from './stages';

/** The text a text-pair reranker reads for an article: law title, headings, then the article. */
function rerankText(c: Pick<RerankCandidate, 'lawTitle' | 'path' | 'text'>): string {
  return [c.lawTitle, ...c.path, c.text].join(' ');
}

/** Wraps a cross-encoder or qwen3-reranker: scores (query, article text) pairs. */
function textPairReranker(model: Reranker): CandidateReranker {
  return {
    modelId: model.info.id,
    rerank: (query, candidates) => model.score(query, candidates.map(rerankText)),
  };
}

/**
 * Wraps a lexbone-features or lexbone-reader model: computes its named features per candidate, then
 * scores them (a reader also gets the question and each candidate's headings and text). A model
 * trained with prior features ships them as priors.json in its folder.
 */
export function featureReranker(model: FeatureReranker): CandidateReranker {
  const featureNames = [...model.featureNames];
  const priors = existsSync(join(model.info.dir, PRIORS_FILE)) ? loadPriors(model.info.dir) : null;
  const unknown = checkFeatureNamesWithPriors(featureNames, priors);
  if (unknown.length) throw createError('MODEL_INVALID', model.info.dir, `unknown feature names: ${unknown.join(', ')}`);
  return {
    modelId: model.info.id,
    rerank: (query, candidates) =>
      model.scoreFeatures(
        candidates.map((c) => featureVectorWithPriors(featureNames, query, c, priors)),
        model.reads ? { query, documents: candidates.map(readingText) } : undefined,
      ),
  };
}

/** The right adapter for any reranker model. */
export function candidateReranker(model: Reranker): CandidateReranker {
  return isFeatureReranker(model) ? featureReranker(model) : textPairReranker(model);
}

export { BigramTfidf, charBigrams, type Neighbour } from './bigram-tfidf';
export { buildPriors, FeaturePriors, loadPriors, PRIOR_FEATURE_NAMES, PRIORS_FILE, savePriors, type PriorsJson, type PriorTrainingQuery } from './feature-priors';
export { listMeasure, listMeasures, rankByScore, type EvalList } from './list-metrics';
export { trainListwise, listwiseObjective, type EpochLog, type ListwiseList, type ListwiseOptions, type PreparedList } from './listwise';
export { listwiseSoftmaxLoss, type ListLoss } from './listwise-loss';
export { scoreWithWeights, type ModelShape } from './listwise-model';

/** Family name → implementation. The names come from manifest.ts FAMILIES; `satisfies` keeps the two in step. */
import type { FamilyName } from '../manifest';
import { bertCls, bertMean } from './bert';
import type { FamilyImpl } from './contract';
import { crossEncoder } from './cross-encoder';
import { lexboneFeatures } from './lexbone-features';
import { lexboneReader } from './lexbone-reader';
import { lexboneStatic } from './lexbone-static';
import { qwen3Embedding } from './qwen3-embedding';
import { qwen3Reranker } from './qwen3-reranker';

export const FAMILY_IMPLS = {
  'qwen3-embedding': qwen3Embedding,
  'bert-cls': bertCls,
  'bert-mean': bertMean,
  'lexbone-static': lexboneStatic,
  'cross-encoder': crossEncoder,
  'qwen3-reranker': qwen3Reranker,
  'lexbone-features': lexboneFeatures,
  'lexbone-reader': lexboneReader,
} satisfies Record<FamilyName, FamilyImpl>;

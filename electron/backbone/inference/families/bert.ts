/**
 * bert-cls / bert-mean: BERT and XLM-R encoders (bge-m3, e5, gte). Inputs input_ids (+ attention_mask,
 * token_type_ids when the export declares them), right padding; the vector is the [CLS] position
 * (bert-cls) or the attention-masked mean (bert-mean) of last_hidden_state, or the export's own
 * sentence_embedding / dense_vecs; optional query / document prefixes ("query: ", "passage: ").
 */
import type { Pooling } from '../pooling';
import type { FamilyContext, FamilyImpl } from './contract';
import { openTextEmbedder } from './text-embedder';

function bert(family: 'bert-cls' | 'bert-mean', pooling: Pooling): FamilyImpl {
  return {
    role: 'embedder',
    open(ctx: FamilyContext) {
      const { queryPrefix = '', documentPrefix = '' } = ctx.manifest;
      return openTextEmbedder(ctx, {
        family,
        pooling,
        side: 'right',
        required: ['input_ids'],
        format: (text, kind) => (kind === 'query' ? queryPrefix : documentPrefix) + text,
      });
    },
  };
}

export const bertCls = bert('bert-cls', 'cls');
export const bertMean = bert('bert-mean', 'mean');

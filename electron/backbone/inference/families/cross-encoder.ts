/**
 * cross-encoder: sequence-classification rerankers with one logit (bge-reranker-v2-m3). Input is
 * the (query, document) pair through the tokenizer's pair template, truncated longest-first, right
 * padding; inputs input_ids (+ attention_mask, token_type_ids when declared); output logits [B, 1]
 * or [B]; score = sigmoid(logit).
 */
import { runInBatches } from '../batching';
import { HfTokenizer, type Encoded } from '../hf-tokenizer';
import { padBatch } from '../padding';
import { sigmoid } from '../pooling';
import { floats, Graph, int64, type FamilyImpl } from './contract';

export const crossEncoder: FamilyImpl = {
  role: 'reranker',
  open(ctx) {
    const { manifest, limits } = ctx;
    const graph = new Graph(ctx, 'cross-encoder');
    graph.checkInputs(['input_ids'], ['attention_mask', 'token_type_ids']);
    const output = graph.output(['logits']);
    const shape = graph.checkRank(output, [1, 2]);
    if (shape?.length === 2) graph.checkSize('number of logits per pair', 1, shape[1]);
    const tokenizer = HfTokenizer.load(ctx.dir, manifest.files);

    async function runBatch(items: Encoded[]): Promise<number[]> {
      const batch = padBatch(items, 'right', tokenizer.padId);
      const feeds = {
        input_ids: int64(batch.inputIds, batch.dims),
        attention_mask: int64(batch.attentionMask, batch.dims),
        token_type_ids: int64(batch.tokenTypeIds, batch.dims),
      };
      const out = await graph.run(feeds, output, items.length);
      if (out.dims.length > 2 || (out.dims.length === 2 && out.dims[1] !== 1)) {
        throw graph.mismatch(`the output ${output} has shape [${out.dims.join(', ')}]; expected [batch, 1] or [batch]`);
      }
      const logits = floats(out);
      return items.map((_, b) => sigmoid(logits[b]!));
    }

    return {
      async score(query, documents) {
        const encoded = documents.map((d) => tokenizer.encodePair(query, d, manifest.maxLength));
        return runInBatches(
          encoded.map((e) => e.ids.length),
          limits,
          (indices) => runBatch(indices.map((i) => encoded[i]!)),
        );
      },
    };
  },
};

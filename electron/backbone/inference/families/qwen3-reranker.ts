/**
 * qwen3-reranker: Qwen3-Reranker, a causal LM asked whether the document meets the query. The prompt
 * is the model card's chat template; the formatted `<Instruct>/<Query>/<Document>` part is cut at
 * its end (the document's tail) so that prefix + part + suffix fit maxLength. Left padding; inputs
 * input_ids, attention_mask (+ position_ids and an empty KV cache when declared). Output logits
 * [B, L, V] (the last position is read) or [B, V] (an export that already sliced it). Score =
 * softmax([no, yes])[1] with the ids of "yes" and "no" looked up in the tokenizer.
 */
import { createError } from '../../../contract/errors';
import { runInBatches, type BatchLimits } from '../batching';
import { HfTokenizer, type Encoded } from '../hf-tokenizer';
import { padBatch } from '../padding';
import { yesProbability } from '../pooling';
import { floatAt, Graph, int64, type FamilyImpl } from './contract';

export const QWEN3_RERANKER_PREFIX =
  '<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the Instruct provided. ' +
  'Note that the answer can only be "yes" or "no".<|im_end|>\n<|im_start|>user\n';
export const QWEN3_RERANKER_SUFFIX = '<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n';
const DEFAULT_RERANK_INSTRUCTION = 'Given a legal question, judge whether the statute article answers it';

export function qwen3RerankerBody(instruction: string, query: string, doc: string): string {
  return `<Instruct>: ${instruction}\n<Query>: ${query}\n<Document>: ${doc}`;
}

/** Full-vocabulary logits of one batch are capped at this many bytes ([B, L, V] float32). */
const LOGITS_BUDGET_BYTES = 512 * 1024 * 1024;

/**
 * Without a sliced [B, V] output, every position's logits come back ([B, L, V] float32, 0.6 MB per
 * token for Qwen3's 151,669-token vocabulary): bound the tokens per batch, but always allow one
 * full-length prompt.
 */
function boundedByLogits(limits: BatchLimits, maxLength: number, vocab: number | string | undefined): BatchLimits {
  const V = typeof vocab === 'number' ? vocab : 151_669;
  const tokens = Math.max(maxLength, Math.floor(LOGITS_BUDGET_BYTES / (4 * V)));
  return { ...limits, maxTokens: Math.min(limits.maxTokens, tokens) };
}

export const qwen3Reranker: FamilyImpl = {
  role: 'reranker',
  open(ctx) {
    const { manifest, dir } = ctx;
    const graph = new Graph(ctx, 'qwen3-reranker');
    graph.checkInputs(['input_ids', 'attention_mask'], ['position_ids']);
    const output = graph.output(['logits']);
    const shape = graph.checkRank(output, [2, 3]);
    const tokenizer = HfTokenizer.load(dir, manifest.files);

    const [yes, no] = (['yes', 'no'] as const).map((word) => {
      const id = tokenizer.tokenId(word);
      if (id === undefined) throw createError('MODEL_INVALID', dir, `the tokenizer has no token "${word}", which a qwen3-reranker reads its score from`);
      return id;
    }) as [number, number];
    const vocab = shape?.at(-1);
    if (typeof vocab === 'number' && Math.max(yes, no) >= vocab) {
      throw graph.mismatch(`the tokenizer's "yes"/"no" ids (${yes}, ${no}) are outside the model's ${vocab} logits`);
    }
    const prefix = tokenizer.ids(QWEN3_RERANKER_PREFIX);
    const suffix = tokenizer.ids(QWEN3_RERANKER_SUFFIX);
    const budget = manifest.maxLength - prefix.length - suffix.length;
    if (budget <= 0) {
      throw createError('MODEL_INVALID', dir, `manifest.json: maxLength ${manifest.maxLength} leaves no room for the prompt (${prefix.length + suffix.length} tokens)`);
    }
    const instruction = manifest.instruction ?? DEFAULT_RERANK_INSTRUCTION;
    const limits = shape?.length === 2 ? ctx.limits : boundedByLogits(ctx.limits, manifest.maxLength, vocab);

    function encode(query: string, doc: string): Encoded {
      const body = tokenizer.ids(qwen3RerankerBody(instruction, query, doc)).slice(0, budget);
      const ids = [...prefix, ...body, ...suffix];
      return { ids, typeIds: ids.map(() => 0) };
    }

    async function runBatch(items: Encoded[]): Promise<number[]> {
      const batch = padBatch(items, 'left', tokenizer.padId);
      const feeds = {
        input_ids: int64(batch.inputIds, batch.dims),
        attention_mask: int64(batch.attentionMask, batch.dims),
        position_ids: int64(batch.positionIds, batch.dims),
      };
      const out = await graph.run(feeds, output, items.length);
      const V = out.dims.at(-1)!;
      if (out.dims.length < 2 || out.dims.length > 3) {
        throw graph.mismatch(`the output ${output} has shape [${out.dims.join(', ')}]; expected [batch, tokens, vocab] or [batch, vocab]`);
      }
      if (Math.max(yes, no) >= V) throw graph.mismatch(`the tokenizer's "yes"/"no" ids (${yes}, ${no}) are outside the model's ${V} logits`);
      const rowSize = out.dims.length === 3 ? out.dims[1]! * V : V;
      return items.map((_, b) => {
        const last = b * rowSize + rowSize - V;
        return yesProbability(floatAt(out, last + yes), floatAt(out, last + no));
      });
    }

    return {
      async score(query, documents) {
        const encoded = documents.map((d) => encode(query, d));
        return runInBatches(
          encoded.map((e) => e.ids.length),
          limits,
          (indices) => runBatch(indices.map((i) => encoded[i]!)),
        );
      },
    };
  },
};

/**
 * qwen3-embedding: Qwen3-Embedding (0.6B: 1024 dims, 4B: 2560). Inputs input_ids, attention_mask
 * (+ position_ids and an empty KV cache when the export declares them); left padding; the vector is
 * the last token's hidden state (<|endoftext|>, appended by the tokenizer's template or here).
 * Queries carry the instruction `Instruct: {task}\nQuery:{query}`; documents are plain.
 * Optional MRL: the first mrlDimension dims, re-normalised.
 */
import type { FamilyImpl } from './contract';
import { openTextEmbedder } from './text-embedder';

const DEFAULT_QWEN3_TASK = 'Given a legal question, retrieve the statute articles that answer it';

function qwen3Query(task: string, query: string): string {
  return `Instruct: ${task}\nQuery:${query}`;
}

export const qwen3Embedding: FamilyImpl = {
  role: 'embedder',
  open(ctx) {
    const task = ctx.manifest.task ?? DEFAULT_QWEN3_TASK;
    return openTextEmbedder(ctx, {
      family: 'qwen3-embedding',
      pooling: 'last',
      side: 'left',
      required: ['input_ids', 'attention_mask'],
      format: (text, kind) => (kind === 'query' ? qwen3Query(task, text) : text),
      appendToken: '<|endoftext|>',
    });
  },
};

/**
 * The transformer embedder shared by bert-cls, bert-mean and qwen3-embedding: tokenise, batch by
 * length, pad on the family's side, run, pool the hidden states (or take an already pooled output),
 * truncate to the MRL dimension and L2-normalise.
 */
import * as ort from 'onnxruntime-node';
import { runInBatches } from '../batching';
import { HfTokenizer, type Encoded } from '../hf-tokenizer';
import { outputDimension } from '../manifest';
import { padBatch, type PaddingSide } from '../padding';
import { poolRow, row, truncateAndNormalize, type Pooling } from '../pooling';
import type { TextKind } from '../types';
import { floats, Graph, int64, type EmbedderCore, type FamilyContext } from './contract';

export interface TextEmbedderSpec {
  family: string;
  pooling: Pooling;
  side: PaddingSide;
  /** Inputs the export must declare; attention_mask, token_type_ids and position_ids are fed when declared. */
  required: readonly string[];
  /** The text the model sees for a query or a document. */
  format(text: string, kind: TextKind): string;
  /** Token appended when the tokenizer's template adds none (qwen3: <|endoftext|>, pooled last). */
  appendToken?: string;
}

/** Outputs that are already one vector per text (sentence-transformers / bge-m3 exports). */
const POOLED_OUTPUTS = ['sentence_embedding', 'dense_vecs'];
const HIDDEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'];

export function openTextEmbedder(ctx: FamilyContext, spec: TextEmbedderSpec): EmbedderCore {
  const { manifest, limits } = ctx;
  const graph = new Graph(ctx, spec.family);
  graph.checkInputs(spec.required, ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids']);
  const output = graph.output([...POOLED_OUTPUTS, ...HIDDEN_OUTPUTS]);
  const pooledByModel = POOLED_OUTPUTS.includes(output);
  const shape = graph.checkRank(output, pooledByModel ? [2] : [3]);
  graph.checkSize('dimension', manifest.dimension, shape?.at(-1));

  const tokenizer = HfTokenizer.load(ctx.dir, manifest.files);
  const appendId = spec.appendToken !== undefined && tokenizer.specialCount('single') === 0 ? tokenizer.tokenId(spec.appendToken) : undefined;
  const dimension = outputDimension(manifest)!;

  function encode(text: string, kind: TextKind): Encoded {
    const formatted = spec.format(text, kind);
    if (appendId === undefined) return tokenizer.encode(formatted, manifest.maxLength);
    const ids = [...tokenizer.ids(formatted).slice(0, manifest.maxLength - 1), appendId];
    return { ids, typeIds: ids.map(() => 0) };
  }

  async function runBatch(items: Encoded[]): Promise<Float32Array[]> {
    const batch = padBatch(items, spec.side, tokenizer.padId);
    const feeds = {
      input_ids: int64(batch.inputIds, batch.dims),
      attention_mask: int64(batch.attentionMask, batch.dims),
      token_type_ids: int64(batch.tokenTypeIds, batch.dims),
      position_ids: int64(batch.positionIds, batch.dims),
    };
    const out: ort.Tensor = await graph.run(feeds, output, items.length);
    const dims = out.dims;
    const data = floats(out);
    if (dims.length !== (pooledByModel ? 2 : 3)) {
      throw graph.mismatch(`the output ${output} has shape [${dims.join(', ')}]; expected ${pooledByModel ? '[batch, dim]' : '[batch, tokens, dim]'}`);
    }
    graph.checkSize('dimension', manifest.dimension, dims.at(-1));
    return items.map((_, b) => {
      const v = pooledByModel ? row(data, dims[1]!, b) : poolRow(data, dims, batch.attentionMask, b, spec.pooling);
      return truncateAndNormalize(v, dimension);
    });
  }

  return {
    dimension,
    async embed(texts, kind) {
      const encoded = texts.map((t) => encode(t, kind));
      return runInBatches(
        encoded.map((e) => e.ids.length),
        limits,
        (indices) => runBatch(indices.map((i) => encoded[i]!)),
      );
    },
  };
}

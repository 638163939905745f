import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInitializers } from '../onnx/read-initializers';
import type { EmbedderParams } from './embedder-params';

/** Loads a lexbone-static model folder back into trainable parameters and its token list. */
export function readStaticModel(dir: string): { params: EmbedderParams; tokens: string[]; manifest: Record<string, unknown> } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const { tokens } = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as { tokens: string[] };
  // E is int8 with per-row scales (E_scale); models written before that stored E in float16.
  const init = readInitializers(join(dir, 'model.onnx'), ['E', 'W'], ['E_scale']);
  const [V, D] = init.E!.dims as [number, number];
  const embeddings = init.E!.data;
  const scales = init.E_scale?.data;
  if (scales) for (let r = 0; r < V; r++) for (let c = 0; c < D; c++) embeddings[r * D + c]! *= scales[r]!;
  if (V !== tokens.length) throw new Error(`${dir}: vocab.json has ${tokens.length} tokens, the model ${V}`);
  return {
    params: { vocabSize: V, dimension: D, embeddings, tokenWeights: init.W!.data },
    tokens,
    manifest,
  };
}

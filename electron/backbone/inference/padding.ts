/**
 * Pads a batch of encoded sequences to its longest member and lays it out as int64 tensors
 * ([B, L], row-major). Qwen3 models pad on the left (the last position is then every row's last
 * token); BERT / XLM-R models pad on the right (position 0 stays [CLS]).
 */
import type { Encoded } from './hf-tokenizer';

export type PaddingSide = 'left' | 'right';

export interface PaddedBatch {
  /** [B, L] */
  dims: [number, number];
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  /** 0, 1, 2… over the real tokens of each row; 1 on padding (as Hugging Face's generate does). */
  positionIds: BigInt64Array;
}

export function padBatch(items: readonly Encoded[], side: PaddingSide, padId: number): PaddedBatch {
  const B = items.length;
  const L = Math.max(1, ...items.map((e) => e.ids.length));
  const inputIds = new BigInt64Array(B * L).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(B * L);
  const tokenTypeIds = new BigInt64Array(B * L);
  const positionIds = new BigInt64Array(B * L).fill(1n);
  items.forEach((e, b) => {
    const n = e.ids.length;
    const offset = b * L + (side === 'left' ? L - n : 0);
    for (let t = 0; t < n; t++) {
      inputIds[offset + t] = BigInt(e.ids[t]!);
      attentionMask[offset + t] = 1n;
      tokenTypeIds[offset + t] = BigInt(e.typeIds[t] ?? 0);
      positionIds[offset + t] = BigInt(t);
    }
  });
  return { dims: [B, L], inputIds, attentionMask, tokenTypeIds, positionIds };
}

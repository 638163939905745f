/**
 * Hugging Face tokenizers (tokenizer.json + tokenizer_config.json) through @huggingface/tokenizers,
 * plus what that library lacks: truncation (longest-first for pairs), special-token templates
 * applied to already-truncated ids, and the pad / unknown token ids. Padding and batching live in
 * padding.ts and batching.ts.
 *
 * Texts are encoded without special tokens, truncated, and then assembled with the template read
 * from the tokenizer's post-processor, so the special tokens always survive truncation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { createError, isLexboneError } from '../../contract/errors';

/** Ids of one sequence (single text or pair) with special tokens, and the segment ids. */
export interface Encoded {
  ids: number[];
  typeIds: number[];
}

type Piece = { special: number[]; typeId: number } | { seq: 'A' | 'B'; typeId: number };

export interface Template {
  single: Piece[];
  pair: Piece[];
}

type Json = Record<string, unknown>;

function tokenName(t: unknown): string | undefined {
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as Json).content === 'string') return (t as Json).content as string;
  return undefined;
}

/**
 * Removes tokens one at a time from the end of the longer sequence (the second on a tie) until
 * both fit in `budget` together — Hugging Face's `longest_first`.
 */
export function truncateLongestFirst(a: number[], b: number[], budget: number): [number[], number[]] {
  let na = a.length;
  let nb = b.length;
  const target = Math.max(0, budget);
  while (na + nb > target) {
    if (na > nb) na--;
    else nb--;
  }
  return [a.slice(0, na), b.slice(0, nb)];
}

export class HfTokenizer {
  readonly padId: number;
  readonly template: Template;
  private readonly unkId: number | undefined;

  private constructor(
    private readonly dir: string,
    private readonly tokenizer: Tokenizer,
    json: Json,
    config: Json,
  ) {
    this.template = this.readTemplate(json.post_processor as Json | null);
    const model = (json.model ?? {}) as Json;
    this.unkId = this.tokenId(tokenName(model.unk_token) ?? tokenName(config.unk_token) ?? '');
    this.padId = this.findPadId(json, config);
  }

  /** Loads `<dir>/<tokenizer>` and, when given, `<dir>/<tokenizerConfig>`. */
  static load(dir: string, files: { tokenizer?: string; tokenizerConfig?: string }): HfTokenizer {
    const file = files.tokenizer ?? 'tokenizer.json';
    try {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
      const config = files.tokenizerConfig
        ? (JSON.parse(readFileSync(join(dir, files.tokenizerConfig), 'utf8')) as Json)
        : {};
      return new HfTokenizer(dir, new Tokenizer(json, config), json, config);
    } catch (e) {
      if (isLexboneError(e)) throw e;
      if ((e as { code?: string }).code === 'ENOENT') throw createError('MODEL_FILE_MISSING', dir, file);
      throw createError('MODEL_INVALID', dir, `${file} cannot be read (${(e as Error).message})`);
    }
  }

  /** The id of a token in the vocabulary (added tokens included), or undefined. */
  tokenId(token: string): number | undefined {
    return token === '' ? undefined : this.tokenizer.token_to_id(token);
  }

  /** Ids of `text` without special tokens; unknown pieces become the unknown token (or are dropped). */
  ids(text: string): number[] {
    const ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids as (number | undefined)[];
    const out: number[] = [];
    for (const id of ids) {
      const v = id ?? this.unkId;
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  /** Number of special tokens the template adds to a single text or a pair. */
  specialCount(kind: 'single' | 'pair'): number {
    return this.template[kind].reduce((n, p) => n + ('special' in p ? p.special.length : 0), 0);
  }

  /** One text, truncated at the end so that the result with special tokens fits `maxLength`. */
  encode(text: string, maxLength: number): Encoded {
    const ids = this.ids(text);
    return this.assemble(this.template.single, ids.slice(0, Math.max(0, maxLength - this.specialCount('single'))), []);
  }

  /** A (query, document) pair, truncated longest-first to fit `maxLength` with special tokens. */
  encodePair(a: string, b: string, maxLength: number): Encoded {
    const [ta, tb] = truncateLongestFirst(this.ids(a), this.ids(b), maxLength - this.specialCount('pair'));
    return this.assemble(this.template.pair, ta, tb);
  }

  /** Builds a sequence from the template around already-truncated ids. */
  assemble(pieces: Piece[], a: number[], b: number[]): Encoded {
    const ids: number[] = [];
    const typeIds: number[] = [];
    for (const p of pieces) {
      const part = 'special' in p ? p.special : p.seq === 'A' ? a : b;
      for (const id of part) {
        ids.push(id);
        typeIds.push(p.typeId);
      }
    }
    return { ids, typeIds };
  }

  private special(token: string): number[] {
    const id = this.tokenId(token);
    if (id === undefined) {
      throw createError('MODEL_INVALID', this.dir, `the tokenizer's template uses "${token}", which is not in its vocabulary`);
    }
    return [id];
  }

  private readTemplate(pp: Json | null | undefined): Template {
    const plain: Template = { single: [{ seq: 'A', typeId: 0 }], pair: [{ seq: 'A', typeId: 0 }, { seq: 'B', typeId: 1 }] };
    if (!pp) return plain;
    switch (pp.type) {
      case 'TemplateProcessing': {
        const specials = (pp.special_tokens ?? {}) as Record<string, { ids?: number[] }>;
        const convert = (items: Json[]): Piece[] =>
          items.map((item) => {
            if ('SpecialToken' in item) {
              const s = item.SpecialToken as { id: string; type_id?: number };
              return { special: specials[s.id]?.ids ?? this.special(s.id), typeId: s.type_id ?? 0 };
            }
            const s = item.Sequence as { id: 'A' | 'B'; type_id?: number };
            return { seq: s.id, typeId: s.type_id ?? 0 };
          });
        return { single: convert(pp.single as Json[]), pair: convert(pp.pair as Json[]) };
      }
      case 'BertProcessing':
      case 'RobertaProcessing': {
        const cls = { special: [(pp.cls as [string, number])[1]], typeId: 0 };
        const sep = { special: [(pp.sep as [string, number])[1]], typeId: 0 };
        const middle = pp.type === 'RobertaProcessing' ? [sep, { ...sep, typeId: 1 }] : [sep];
        return {
          single: [cls, { seq: 'A', typeId: 0 }, sep],
          pair: [cls, { seq: 'A', typeId: 0 }, ...middle, { seq: 'B', typeId: 1 }, { ...sep, typeId: 1 }],
        };
      }
      case 'Sequence': {
        const inner = ((pp.processors ?? []) as Json[]).find((p) =>
          ['TemplateProcessing', 'BertProcessing', 'RobertaProcessing'].includes(p.type as string),
        );
        return inner ? this.readTemplate(inner) : plain;
      }
      default:
        return plain;
    }
  }

  private findPadId(json: Json, config: Json): number {
    const named = tokenName(config.pad_token);
    const fromConfig = named !== undefined ? this.tokenId(named) : undefined;
    if (fromConfig !== undefined) return fromConfig;
    const padding = json.padding as { pad_id?: number } | null | undefined;
    if (typeof padding?.pad_id === 'number') return padding.pad_id;
    for (const t of ['[PAD]', '<pad>', '<|endoftext|>']) {
      const id = this.tokenId(t);
      if (id !== undefined) return id;
    }
    return 0;
  }
}

/**
 * The tokeniser of the built-in lexbone-static embedder (shared with its trainer, which must produce
 * the same ids). vocab.json is `{"tokens": [...], "unigram": true, "bigram": true}`; a token's id is
 * its index, and index 0 is reserved for padding (never matched). A text yields its Han characters
 * (unigram), the overlapping pairs inside each Han run (bigram), and its other letter/digit runs,
 * lower-cased; the terms found in the vocabulary become distinct ids, each weighted 1 + ln(count),
 * in order of first occurrence. No Unicode normalisation: the trainer (train/vocab.ts) applies
 * none, and both sides must produce the same terms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createError } from '../../contract/errors';

const vocabSchema = z.object({
  tokens: z.array(z.string()).min(2),
  unigram: z.boolean().default(true),
  bigram: z.boolean().default(true),
});

export interface StaticVocab {
  ids: Map<string, number>;
  unigram: boolean;
  bigram: boolean;
  size: number;
}

export interface StaticTerms {
  ids: number[];
  weights: number[];
}

export function parseStaticVocab(raw: unknown): StaticVocab {
  const v = vocabSchema.parse(raw);
  const ids = new Map<string, number>();
  v.tokens.forEach((t, i) => {
    if (i > 0 && !ids.has(t)) ids.set(t, i);
  });
  return { ids, unigram: v.unigram, bigram: v.bigram, size: v.tokens.length };
}

export function loadStaticVocab(dir: string, file: string): StaticVocab {
  try {
    return parseStaticVocab(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw createError('MODEL_FILE_MISSING', dir, file);
    const detail = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    throw createError('MODEL_INVALID', dir, `${file} is not a valid vocabulary (${detail})`);
  }
}

const HAN = /\p{Script=Han}/u;
/** A run of Han characters, or a run of other letters/digits. */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** Terms of a text in order of appearance, repeats included. */
export function staticTermList(text: string, opts: { unigram: boolean; bigram: boolean }): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(RUN)) {
    if (!HAN.test(run)) {
      out.push(run.toLowerCase());
      continue;
    }
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      if (opts.unigram) out.push(chars[i]!);
      if (opts.bigram && i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

/** Distinct vocabulary ids with weights 1 + ln(count); above maxLength the heaviest are kept. */
export function encodeStatic(text: string, vocab: StaticVocab, maxLength: number): StaticTerms {
  const counts = new Map<number, number>();
  for (const term of staticTermList(text, vocab)) {
    const id = vocab.ids.get(term);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  let entries = [...counts.entries()].map(([id, n], order) => ({ id, weight: 1 + Math.log(n), order }));
  if (entries.length > maxLength) {
    entries = entries
      .sort((a, b) => b.weight - a.weight || a.order - b.order)
      .slice(0, maxLength)
      .sort((a, b) => a.order - b.order);
  }
  return { ids: entries.map((e) => e.id), weights: entries.map((e) => e.weight) };
}

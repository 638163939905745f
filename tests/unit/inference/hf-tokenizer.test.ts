import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HfTokenizer, truncateLongestFirst } from '../../../electron/backbone/inference/hf-tokenizer';
import { useTempDirs } from '../../helpers/temp';
import { ID, tokenizerJson, type TokenizerStyle } from '../../helpers/tiny-models';

const tempDir = useTempDirs('all');

function tokenizer(style: TokenizerStyle | object, config?: object): HfTokenizer {
  const dir = join(tempDir(), 'tok');
  mkdirSync(dir);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(typeof style === 'string' ? tokenizerJson(style) : style));
  if (config) writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
  return HfTokenizer.load(dir, { tokenizer: 'tokenizer.json', tokenizerConfig: config ? 'tokenizer_config.json' : undefined });
}

const { alpha: A, beta: B } = ID;
const CLS = ID['[CLS]'];
const SEP = ID['[SEP]'];

describe('truncateLongestFirst', () => {
  it('removes from the longer sequence, one token at a time', () => {
    expect(truncateLongestFirst([1, 2, 3, 4, 5, 6], [7, 8], 5)).toEqual([[1, 2, 3], [7, 8]]);
    expect(truncateLongestFirst([1, 2], [3, 4, 5, 6, 7], 4)).toEqual([[1, 2], [3, 4]]);
  });
  it('alternates once the two are equal, taking the second first', () => {
    expect(truncateLongestFirst([1, 2, 3], [4, 5, 6, 7, 8], 4)).toEqual([[1, 2], [4, 5]]);
    expect(truncateLongestFirst([1, 2], [3, 4], 3)).toEqual([[1, 2], [3]]);
  });
  it('leaves sequences that fit alone', () => {
    expect(truncateLongestFirst([1], [2], 5)).toEqual([[1], [2]]);
  });
});

describe('HfTokenizer (BERT-style template)', () => {
  const tok = tokenizer('bert', { pad_token: '[PAD]' });

  it('adds [CLS] A [SEP] and counts the template specials', () => {
    expect(tok.encode('Alpha beta', 64)).toEqual({ ids: [CLS, A, B, SEP], typeIds: [0, 0, 0, 0] });
    expect(tok.specialCount('single')).toBe(2);
    expect(tok.specialCount('pair')).toBe(3);
  });

  it('truncates a single text at the end and keeps the specials', () => {
    expect(tok.encode('alpha beta gamma delta', 4).ids).toEqual([CLS, A, B, SEP]);
  });

  it('builds [CLS] A [SEP] B [SEP] with segment ids', () => {
    expect(tok.encodePair('alpha', 'beta beta', 64)).toEqual({ ids: [CLS, A, SEP, B, B, SEP], typeIds: [0, 0, 0, 1, 1, 1] });
  });

  it('truncates pairs longest-first to maxLength with the specials kept', () => {
    // 3 + 5 tokens, budget 7 − 3 specials = 4: B→4, B→3, tie→B 2, A→2.
    expect(tok.encodePair('alpha alpha alpha', 'beta beta beta beta beta', 7).ids).toEqual([CLS, A, A, SEP, B, B, SEP]);
  });

  it('maps unknown words to [UNK] and reads the pad id from tokenizer_config', () => {
    expect(tok.encode('alpha zebra', 64).ids).toEqual([CLS, A, ID['[UNK]'], SEP]);
    expect(tok.padId).toBe(ID['[PAD]']);
    expect(tok.tokenId('yes')).toBe(ID.yes);
  });
});

describe('HfTokenizer (other templates)', () => {
  it('qwen: appends <|endoftext|>, pad from the config', () => {
    const tok = tokenizer('qwen', { pad_token: { content: '<|endoftext|>' } });
    expect(tok.encode('alpha beta', 64).ids).toEqual([A, B, ID['<|endoftext|>']]);
    expect(tok.padId).toBe(ID['<|endoftext|>']);
    expect(tok.encode('alpha zebra', 64).ids).toEqual([A, ID['[UNK]'], ID['<|endoftext|>']]);
  });

  it('a ByteLevel post-processor adds nothing', () => {
    const tok = tokenizer('qwen-no-template');
    expect(tok.specialCount('single')).toBe(0);
    expect(tok.encode('alpha beta', 1).ids).toEqual([A]);
    expect(tok.padId).toBe(ID['[PAD]']);
  });

  it('RobertaProcessing: <s> A </s></s> B </s>', () => {
    const json = { ...tokenizerJson('bert'), post_processor: { type: 'RobertaProcessing', cls: ['[CLS]', CLS], sep: ['[SEP]', SEP] } };
    const tok = tokenizer(json);
    expect(tok.encodePair('alpha', 'beta', 64).ids).toEqual([CLS, A, SEP, SEP, B, SEP]);
    expect(tok.specialCount('pair')).toBe(4);
  });

  it('an unreadable tokenizer.json is an error naming the folder', () => {
    expect(() => tokenizer({ model: { type: 'NoSuchModel' } })).toThrow(/^Model folder \S*tok: tokenizer.json cannot be read/);
  });

  it('a template token missing from the vocabulary is an error naming the folder', () => {
    const json = tokenizerJson('bert') as { post_processor: { special_tokens: object; single: unknown[] } };
    json.post_processor.special_tokens = {};
    json.post_processor.single = [{ SpecialToken: { id: '[BOS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }];
    expect(() => tokenizer(json)).toThrow(/^Model folder \S*tok: the tokenizer's template uses "\[BOS\]", which is not in its vocabulary\./);
  });
});

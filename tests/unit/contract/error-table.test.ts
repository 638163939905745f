import { describe, expect, it } from 'vitest';
import { createError, ERROR_CODES, ERRORS, LexboneError, toApiError, type ErrorCode } from '../../../electron/contract/errors';
import type { ErrorRow } from '../../../electron/contract/error-row';
import { said } from '../../../electron/contract/said';

/** Stands in for any argument: a string, a number, a Said, a MissingWhy. */
const ANY: unknown = new Proxy(
  {},
  {
    get: (_t, key) => {
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 3 : 'ARG');
      if (key === 'en' || key === 'zh') return 'ARG';
      if (key === 'kind') return 'absent';
      return undefined;
    },
  },
);
const both = (code: ErrorCode) => {
  const r = ERRORS[code] as unknown as ErrorRow<unknown[]>;
  const args = Array.from({ length: Math.max(r.en.length, r.zh.length) }, () => ANY);
  return { en: r.en(...args), zh: r.zh(...args) };
};
const CJK = /[\u4e00-\u9fff]/;
/** Three words of three or more Latin letters in a row: an English clause. */
const ENGLISH_CLAUSE = /[A-Za-z]{3,}(?:(?:[ ;'-]+|, )[A-Za-z]{3,}){2,}/;
/** Rows whose Chinese message quotes a command or header to type, in English by nature. */
const QUOTES_COMMANDS = new Set<ErrorCode>(['UNAUTHORIZED', 'APP_NOT_FOUND']);

describe('the error table', () => {
  it('gives every code a Chinese message with no English clause, and an English one', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(60);
    for (const code of ERROR_CODES) {
      const { en, zh } = both(code);
      expect(zh, code).toMatch(CJK);
      expect(en, code).not.toBe(zh);
      expect(en, code).toMatch(/[A-Za-z]{2,}/);
      if (!QUOTES_COMMANDS.has(code)) expect(zh, `${code}: ${zh}`).not.toMatch(ENGLISH_CLAUSE);
    }
  });

  it('createError fills both languages from the same arguments; the wire shape and its round trip keep both', () => {
    const e = createError('MALFORMED_RECORD', 'laws.jsonl', 3, said('the law name is empty.', '法律名称为空。'));
    expect(e.message).toBe('laws.jsonl, line 3: the law name is empty.');
    expect(e.messageZh).toBe('laws.jsonl，第 3 行：法律名称为空。');
    const shape = toApiError(e);
    expect(shape).toEqual({ code: 'MALFORMED_RECORD', message: e.message, messageZh: e.messageZh });
    const back = LexboneError.fromShape(JSON.parse(JSON.stringify(shape)));
    expect([back.code, back.message, back.messageZh]).toEqual([e.code, e.message, e.messageZh]);
  });

  it('a retryable code says so on the wire; a thrown non-Lexbone error becomes INTERNAL in both languages', () => {
    expect(toApiError(createError('INFERENCE_UNAVAILABLE', 'restarting'))).toMatchObject({ retryable: true });
    const internal = toApiError(new Error('boom'));
    expect(internal).toEqual({ code: 'INTERNAL', message: 'Something went wrong inside Lexbone: boom', messageZh: 'Lexbone 内部出错：boom' });
  });

  it('a technical detail stays as it is in both languages; a reason in words is translated', () => {
    expect(createError('DB_CORRUPT', '/x/library.db', 'file is not a database').messageZh).toContain('（file is not a database）');
    const missing = createError('MODEL_NOT_INSTALLED', 'embedder', 'qwen3', 'Qwen3 试用', { kind: 'wrong-role', installedAs: 'reranker' }, '/m');
    expect(missing.message).toContain('uses the embedding model "qwen3", which is installed as a reranker, not as an embedder');
    expect(missing.messageZh).toContain('当前启用的版本“Qwen3 试用”使用的检索模型“qwen3”被安装为重排模型，而不是检索模型');
  });
});

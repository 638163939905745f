/**
 * A method's request as one JSON Schema object (what an MCP tool's inputSchema must be), derived
 * from the contract's zod schema, and judged against the contract with Ajv.
 */
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { requestJsonSchema, requestObjectSchema } from '../../../electron/contract/json-schema';
import { API_METHODS } from '../../../electron/contract/methods';
import { REQUEST_SCHEMAS } from '../../../electron/contract/schemas';

const ajv = new Ajv2020({ strict: false });

describe('requestObjectSchema', () => {
  it('article (an id or a citation) is one object with every property and anyOf the two required sets', () => {
    const s = requestObjectSchema('article');
    expect(s.type).toBe('object');
    expect(Object.keys(s.properties as object).sort()).toEqual(['citation', 'id', 'surrounding']);
    expect(s.properties).toMatchObject({
      id: { type: 'integer' }, citation: { type: 'string', minLength: 2, maxLength: 300 }, surrounding: { type: 'integer', minimum: 0, maximum: 5 },
    });
    expect(s.anyOf).toEqual([{ required: ['id'] }, { required: ['citation'] }]);
    expect(s.additionalProperties).toBe(false);
    // The JSON Schema of the contract itself stays a union (the OpenAPI document describes it so).
    expect(requestJsonSchema('article').type).toBeUndefined();
    expect(requestJsonSchema('article').anyOf).toHaveLength(2);
  });

  it('article: judges requests as the contract does (except both id and citation, which only the contract refuses)', () => {
    const validate = ajv.compile(requestObjectSchema('article'));
    const cases: unknown[] = [
      { id: 3 }, { citation: '民法典第585条' }, { id: 3, surrounding: 2 }, { citation: '刑法第二十条', surrounding: 0 },
      {}, { surrounding: 2 }, { id: 3, surrounding: 6 }, { id: 0 }, { citation: 'x' }, { id: 3, extra: 1 },
    ];
    for (const body of cases) expect(validate(body), JSON.stringify(body)).toBe(REQUEST_SCHEMAS.article.safeParse(body).success);
    // One object cannot say "exactly one of": the looser schema lets both through, and dispatch refuses them.
    expect(validate({ id: 3, citation: '民法典第585条' })).toBe(true);
    expect(REQUEST_SCHEMAS.article.safeParse({ id: 3, citation: '民法典第585条' }).success).toBe(false);
  });

  it('search and contextPack: an object schema already, as the contract writes it, query required', () => {
    for (const m of ['search', 'contextPack'] as const) {
      const s = requestObjectSchema(m);
      expect(s).toEqual(requestJsonSchema(m));
      expect(s.type).toBe('object');
      expect(s.required).toEqual(['query']);
      expect(s.additionalProperties).toBe(false);
    }
    // Defaulted fields are optional input, their defaults shown.
    expect(requestObjectSchema('contextPack').properties).toMatchObject({
      articles: { type: 'integer', minimum: 1, maximum: 50, default: 8 },
      maxChars: { type: 'integer', minimum: 500, maximum: 200_000, default: 8000 },
      cited: { type: 'boolean', default: true },
    });
  });

  it('every method’s request is an object schema that compiles', () => {
    for (const m of API_METHODS) {
      const s = requestObjectSchema(m);
      expect(s.type, m).toBe('object');
      expect(s, m).not.toHaveProperty('$schema');
      expect(() => ajv.compile(s), m).not.toThrow();
    }
  });

  it('importStatutes (a path, files or an upload): every property, anyOf of each required one', () => {
    const s = requestObjectSchema('importStatutes');
    expect(Object.keys(s.properties as object).sort()).toEqual(['category', 'files', 'path', 'uploadId']);
    expect(s.anyOf).toEqual([{ required: ['path'] }, { required: ['files'] }, { required: ['uploadId'] }]);
  });
});

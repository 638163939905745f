import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiHandlers } from '../../../electron/contract/api';
import { METHOD_ACCESS } from '../../../electron/contract/method-access';
import { API_METHODS, httpRoute } from '../../../electron/contract/methods';
import { REQUEST_SCHEMAS } from '../../../electron/contract/schemas';
import { createHttpServer } from '../../../electron/server/http-server';
import { OPENAPI_ROUTE } from '../../../electron/server/openapi';

/** The OpenAPI document as served over HTTP, checked against the contract it is generated from. */
let server: Server;
let doc: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let raw: string;

beforeAll(async () => {
  // The document needs no handler: it is generated from the contract alone.
  server = createHttpServer({ handlers: {} as ApiHandlers });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${OPENAPI_ROUTE}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  raw = await res.text();
  doc = JSON.parse(raw);
});
afterAll(() => new Promise((r) => server.close(r)));

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at = '#'): [string, string][] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [[at, v] as [string, string]] : refs(v, `${at}/${k}`)));
}
const resolve = (ref: string): unknown => ref.slice(2).split('/').reduce<any>((n, k) => n?.[k], doc); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 JSON with the key security schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: '1' });
    expect(doc.components.securitySchemes.bearerKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.headerKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(doc.security).toEqual([{ bearerKey: [] }, { headerKey: [] }, {}]);
    expect(JSON.stringify(doc)).toBe(raw); // plain JSON: nothing lost in a round trip
  });

  it('has every API method as a POST operation with its request schema, scope and the error responses', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(API_METHODS.map((m) => httpRoute(m)).sort());
    for (const m of API_METHODS) {
      const op = doc.paths[httpRoute(m)].post;
      expect(op.operationId, m).toBe(m);
      expect(op['x-lexbone-scope'], m).toBe(METHOD_ACCESS[m]);
      const schema = resolve(op.requestBody.content['application/json'].schema.$ref);
      const { $schema: _s, ...expected } = z.toJSONSchema(REQUEST_SCHEMAS[m], { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
      expect(schema, m).toEqual(expected);
      for (const status of ['200', '400', '401', '403', '429', '503']) expect(op.responses[status], `${m} ${status}`).toBeDefined();
    }
    expect(doc.paths[httpRoute('search')].post.requestBody.required).toBe(true);
    expect(doc.paths[httpRoute('stats')].post.requestBody.required).toBe(false);
    expect(doc.components.responses.Error429.headers['Retry-After']).toBeDefined();
  });

  it('every $ref resolves', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(API_METHODS.length * 2);
    for (const [at, ref] of all) expect(resolve(ref), `${at} → ${ref}`).toBeDefined();
  });

  it('the request schemas are valid JSON Schema 2020-12 and judge requests as the contract does', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const samples: [string, unknown][] = [
      ['search', { query: '违约金', preset: 'quick' }], ['search', { query: '违约金', k: 7, n: 0 }], ['search', { query: '' }],
      ['search', { query: '违约金', extra: 1 }], ['search', { query: 5 }], ['search', { query: 'x', asOf: '2010-13-45' }],
      ['embed', { texts: ['违约金'] }], ['embed', { texts: [] }], ['embed', { texts: ['x'], kind: 'passage' }],
      ['rerank', { query: '违约金', documents: [1, 2] }], ['rerank', { query: '违约金', documents: ['甲', '乙'] }], ['rerank', { query: '违约金', documents: [1, '乙'] }],
      ['article', { id: 3 }], ['article', { citation: '民法典第585条' }], ['article', { id: 3, citation: '民法典第585条' }],
      ['stats', {}], ['stats', { x: 1 }], ['activateVersion', { id: 0 }],
      ['glossary', {}], ['importGlossary', { fileName: 'firm.csv', text: '侵占罪,刑法第二百七十条' }], ['importGlossary', { fileName: '', text: '' }],
      ['importGlossary', { fileName: 'firm.csv' }], ['removeGlossaryFile', { fileName: 'firm.csv' }], ['removeGlossaryFile', { fileName: 'x'.repeat(201) }],
    ];
    const validators = Object.fromEntries(API_METHODS.map((m) => [m, ajv.compile(resolve(`#/components/schemas/${m[0]!.toUpperCase()}${m.slice(1)}Request`) as object)]));
    for (const [m, body] of samples) {
      const zodOk = REQUEST_SCHEMAS[m as keyof typeof REQUEST_SCHEMAS].safeParse(body).success;
      // The one thing JSON Schema cannot say here: a calendar date that does not exist (a zod refinement).
      if (m === 'search' && (body as { asOf?: string }).asOf) {
        expect(zodOk).toBe(false);
        continue;
      }
      expect(validators[m]!(body), `${m} ${JSON.stringify(body)}`).toBe(zodOk);
    }
  });
});

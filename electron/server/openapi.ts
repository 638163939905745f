/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the contract: one POST operation per
 * API method, its request body schema from the zod schema (z.toJSONSchema, as input: fields with a
 * default are optional), its required scope, the Result envelope, and the error responses.
 * Served at GET /api/v1/openapi.json.
 */
import { requestJsonSchema } from '../contract/json-schema';
import { METHOD_ACCESS } from '../contract/method-access';
import { API_METHODS, httpRoute, type ApiMethod } from '../contract/methods';
import { REQUEST_SCHEMAS } from '../contract/schemas';
import { ERROR_SCHEMA, RESPONSE_SCHEMAS } from './openapi-responses';

export const OPENAPI_ROUTE = '/api/v1/openapi.json';

type Json = Record<string, unknown>;

const ERROR_STATUSES: Record<string, string> = {
  '400': 'The request is not valid (typed code INVALID_REQUEST or a more specific one); the message says what to fix.',
  '401': 'No API key, or one that is not valid (UNAUTHORIZED; WWW-Authenticate: Bearer).',
  '403': 'The key lacks the scope the method needs (FORBIDDEN).',
  '404': 'Not found (NOT_FOUND, LAW_NOT_FOUND, ARTICLE_NOT_FOUND, UNKNOWN_METHOD…).',
  '413': 'The body is over the limit (PAYLOAD_TOO_LARGE).',
  '429': 'A limit was reached (RATE_LIMITED, TOO_MANY_CONCURRENT, or the service is busy); retry after Retry-After seconds.',
  '503': 'Not available now (NOT_READY, INFERENCE_UNAVAILABLE, EMBEDDER_UNAVAILABLE…); retryable.',
};

const requestSchema = requestJsonSchema;

/** Methods whose whole body may be omitted (every field has a default). */
const bodyOptional = (method: ApiMethod): boolean => REQUEST_SCHEMAS[method].safeParse(undefined).success || REQUEST_SCHEMAS[method].safeParse({}).success;

function operation(method: ApiMethod): Json {
  const access = METHOD_ACCESS[method];
  const name = method[0]!.toUpperCase() + method.slice(1);
  const value = RESPONSE_SCHEMAS[method] ? { $ref: `#/components/schemas/${name}Response` } : { description: 'See ApiResponses in electron/contract/api.ts.' };
  return {
    operationId: method,
    summary: method,
    description: access === 'personal'
      ? "The local user's research folders and history: without a key on loopback, or a key with the admin scope."
      : access === 'feedback'
        ? "Relevance feedback: the local user's without a key on loopback (every application's), or a key with the feedback or admin scope (that application's own)."
        : `Needs the ${access} scope (admin includes search).`,
    'x-lexbone-scope': access,
    requestBody: {
      required: !bodyOptional(method),
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Request` } } },
    },
    responses: {
      '200': {
        description: 'The answer, in the Result envelope.',
        content: { 'application/json': { schema: { type: 'object', properties: { ok: { const: true }, value }, required: ['ok', 'value'] } } },
      },
      ...Object.fromEntries(Object.keys(ERROR_STATUSES).map((s) => [s, { $ref: `#/components/responses/Error${s}` }])),
    },
  };
}

let cached: Json | null = null;

export function openApiDocument(): Json {
  if (cached) return cached;
  const schemas: Json = { Error: ERROR_SCHEMA };
  const paths: Json = {};
  for (const m of API_METHODS) {
    const name = m[0]!.toUpperCase() + m.slice(1);
    schemas[`${name}Request`] = requestSchema(m);
    if (RESPONSE_SCHEMAS[m]) schemas[`${name}Response`] = RESPONSE_SCHEMAS[m];
    paths[httpRoute(m)] = { post: operation(m) };
  }
  const errorResponse = (status: string): Json => ({
    description: ERROR_STATUSES[status],
    ...(status === '429' || status === '503' ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before retrying.' } } } : {}),
    ...(status === '401' ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Lexbone backbone API',
      version: '1',
      description:
        'The retrieval backbone of a Lexbone library over HTTP: POST /api/v1/<method> with a JSON body, answered {"ok": true, "value": …} or {"ok": false, "error": {"code", "message"}}. ' +
        'Keys: "Authorization: Bearer lxb_…" or "x-api-key". On loopback without --require-keys a request without a key is the local user; with --allow-lan or --require-keys every request needs a key. ' +
        'Scopes: search, admin (includes search and metrics), metrics (GET /metrics only, no API method). Outside this document: GET /healthz and GET /readyz (open, states only) and GET /metrics (Prometheus text; a metrics or admin key where keys are required).',
    },
    servers: [{ url: '/' }],
    security: [{ bearerKey: [] }, { headerKey: [] }, {}],
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(Object.keys(ERROR_STATUSES).map((s) => [`Error${s}`, errorResponse(s)])),
      securitySchemes: {
        bearerKey: { type: 'http', scheme: 'bearer', bearerFormat: 'lxb_<keyId>_<secret>', description: 'An application key: npm run cli -- apps create <name>.' },
        headerKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
  };
  return cached;
}

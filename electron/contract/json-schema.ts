/**
 * A method's request as JSON Schema, from its zod schema (as input: fields with a default are
 * optional). The OpenAPI document and the MCP tools both describe requests with it.
 */
import { z } from 'zod';
import type { ApiMethod } from './methods';
import { REQUEST_SCHEMAS } from './schemas';

export type JsonSchema = Record<string, unknown>;

export function requestJsonSchema(method: ApiMethod): JsonSchema {
  const { $schema: _drop, ...schema } = z.toJSONSchema(REQUEST_SCHEMAS[method], { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return schema;
}

/**
 * The same request as one object schema (what an MCP tool's inputSchema must be): a union of
 * object shapes becomes one object with every property and an `anyOf` of the required sets.
 */
export function requestObjectSchema(method: ApiMethod): JsonSchema {
  const schema = requestJsonSchema(method);
  const branches = schema.anyOf as JsonSchema[] | undefined;
  if (schema.type === 'object' || !branches) return schema;
  const properties: JsonSchema = {};
  for (const b of branches) Object.assign(properties, b.properties as JsonSchema);
  return { type: 'object', properties, anyOf: branches.map((b) => ({ required: b.required ?? [] })), additionalProperties: false };
}

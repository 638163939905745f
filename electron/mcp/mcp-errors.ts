/**
 * Contract errors as MCP errors: the JSON-RPC code from the error's HTTP status, the message with
 * the contract's code in front (the assistant reads it), and `data` carrying the error's wire shape
 * (code, message, messageZh, retryable) for a program to branch on.
 */
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { httpStatusOf, type ApiErrorShape } from '../contract/errors';

function jsonRpcCode(status: number): number {
  if (status === 401 || status === 403 || status === 429) return ErrorCode.InvalidRequest;
  if (status >= 500) return ErrorCode.InternalError;
  return ErrorCode.InvalidParams;
}

/**
 * What the SDK sends as a JSON-RPC error: its `code`, `message` and `data` as they are (the SDK's
 * own McpError would put "MCP error -32602:" in the message, and the client adds it once more).
 */
export class ContractMcpError extends Error {
  readonly code: number;
  readonly data: ApiErrorShape;
  constructor(e: ApiErrorShape) {
    super(`${e.code}: ${e.message}`);
    this.name = 'ContractMcpError';
    this.code = jsonRpcCode(httpStatusOf(e.code));
    this.data = { ...e };
  }
}

export const toMcpError = (e: ApiErrorShape): ContractMcpError => new ContractMcpError(e);

/**
 * Who may open the MCP endpoint (POST /mcp): the same keys as the API. Where keys are optional, a
 * request without one is the local user (unless another web page or a rebound host name speaks
 * for them); a key sent is always checked. The endpoint itself needs no scope: each tool call then
 * goes through the API chain as its contract method, so its scope, limits and audit apply there.
 */
import type { IncomingMessage } from 'node:http';
import { createError, type LexboneError } from '../contract/errors';
import { said } from '../contract/said';
import { identifyKey, type AccessOptions } from './access-middleware';
import { localUserRefusal } from './local-user-guard';

export type McpCaller = { kind: 'caller'; app: string | null } | { kind: 'refused'; error: LexboneError; wwwAuthenticate?: string };

export type McpGuard = (req: IncomingMessage) => McpCaller;

export function mcpAccess(opts: AccessOptions): McpGuard {
  const now = opts.now ?? Date.now;
  return (req) => {
    const who = identifyKey(req.headers, opts, now());
    if (who.kind === 'refused') return { kind: 'refused', error: who.error, wwwAuthenticate: who.wwwAuthenticate };
    if (who.kind === 'app') return { kind: 'caller', app: who.app.name };
    const refusal = localUserRefusal(req.headers);
    return refusal ? { kind: 'refused', error: createError('FORBIDDEN', said('This request', '该请求'), refusal) } : { kind: 'caller', app: null };
  };
}

/**
 * Who may open the MCP endpoint (POST /mcp): the same keys as the API. Where keys are optional, a
 * request without one is the local user (unless another web page or a rebound host name speaks
 * for them); a key sent is always checked. The endpoint itself needs no scope: each tool call then
 * goes through the API chain as its contract method, so its scope, limits and audit apply there.
 */
import type { IncomingMessage } from 'node:http';
import type { LexboneError } from '../contract/errors';
import { identifyCaller, type AccessOptions } from './access-middleware';

export type McpCaller = { kind: 'caller'; app: string | null } | { kind: 'refused'; error: LexboneError; wwwAuthenticate?: string };

export type McpGuard = (req: IncomingMessage) => McpCaller;

export function mcpAccess(opts: AccessOptions): McpGuard {
  const now = opts.now ?? Date.now;
  return (req) => {
    const who = identifyCaller(req.headers, opts, now());
    if (who.kind === 'refused') return who;
    return { kind: 'caller', app: who.kind === 'app' ? who.app.name : null };
  };
}

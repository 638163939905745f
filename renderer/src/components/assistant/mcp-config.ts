/**
 * The JSON an MCP client's configuration takes to reach Lexbone: the stdio launch for a desktop
 * assistant, the Streamable HTTP endpoint (with a key placeholder) for other clients. Both under
 * `mcpServers.lexbone`, pretty-printed with two spaces, ready to paste.
 */
import type { McpLaunch } from '../../../../electron/contract/assistant-types';

export const SERVER_NAME = 'lexbone';
/** What the user replaces with the key `apps create` printed. */
export const KEY_PLACEHOLDER = '<API key>';

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

export function stdioConfig(launch: McpLaunch): string {
  const env = launch.env && Object.keys(launch.env).length > 0 ? { env: launch.env } : {};
  return pretty({ mcpServers: { [SERVER_NAME]: { command: launch.command, args: launch.args, ...env } } });
}

export function httpConfig(url: string): string {
  return pretty({ mcpServers: { [SERVER_NAME]: { type: 'http', url, headers: { Authorization: `Bearer ${KEY_PLACEHOLDER}` } } } });
}

/**
 * The MCP server over the contract (DESIGN.md): tools (tool-table.ts), article resources
 * (`lexbone://article/<id>`) and the research-memo prompt, built on the SDK's low-level `Server` so
 * each request goes to the contract's dispatch unchanged and every error keeps its contract code.
 * The transport is the caller's: stdio (stdio-main.ts) or Streamable HTTP (server/mcp-route.ts).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema, ReadResourceRequestSchema, type CallToolRequest, type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ApiMethod } from '../contract/methods';
import type { ApiResponses } from '../contract/api';
import { createError, toApiError, type Result } from '../contract/errors';
import { said } from '../contract/said';
import { ARTICLE_URI_TEMPLATE, articleIdOfUri } from './article-uri';
import { toMcpError } from './mcp-errors';
import { MEMO_PROMPT, memoPrompt } from './memo-prompt';
import { followResearch } from './research-tool';
import { TOOLS, toolByName, toolInputSchema, type ToolName } from './tool-table';
import {
  articleAnswer, citedByAnswer, comparisonAnswer, contextPackAnswer, searchAnswer, type ToolAnswer,
} from './tool-results';

/** How the MCP server reaches the backbone: the contract's methods, as this connection's caller. */
export interface McpBackbone {
  /** One contract call (HTTP: through the service's keys, limits, queue and audit log). */
  call(method: ApiMethod, body: unknown, signal?: AbortSignal): Promise<Result<unknown>>;
  /** A follow-up read inside one tool call (deep_research following its run): not counted again. */
  poll(method: ApiMethod, body: unknown, signal?: AbortSignal): Promise<Result<unknown>>;
}

export interface McpHooks {
  /** The client finished the handshake (stdio: the connected-assistant status). */
  initialized?(client: { name: string; version: string | null }): void;
  /** A tool was called. */
  toolCalled?(name: string): void;
}

export const SERVER_INFO = { name: 'lexbone', title: 'Lexbone — Chinese statutes, offline', version: '0.1.0' };

const INSTRUCTIONS =
  'Lexbone searches the firm\'s offline library of Chinese laws, regulations and judicial interpretations. Start with search_statutes; read provisions whole with get_article; ' +
  'cite each provision with the citation, version date and validity the tools give. Lexbone 离线检索中国法律法规和司法解释：先用 search_statutes，再用 get_article 读全文，引用时注明版本日期和效力。';

const LooseCallToolRequest = z.looseObject({ method: z.literal('tools/call') }) as unknown as typeof CallToolRequestSchema;

const unwrap = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw toMcpError(r.error);
  return r.value as T;
};

const toResult = (a: ToolAnswer): CallToolResult => ({ content: [{ type: 'text', text: a.text }], structuredContent: a.structured });

/** Presents a plain tool's answer (all but deep_research). */
function present(name: ToolName, value: unknown): ToolAnswer {
  switch (name) {
    case 'search_statutes': return searchAnswer(value as ApiResponses['search']);
    case 'get_article': return articleAnswer(value as ApiResponses['article']);
    case 'cited_by': return citedByAnswer(value as ApiResponses['article']);
    case 'compare_versions': return comparisonAnswer(value as ApiResponses['compareArticle']);
    case 'context_pack': return contextPackAnswer(value as ApiResponses['contextPack']);
    default: throw new Error(`no presenter for ${name}`);
  }
}

export function createMcpServer(backbone: McpBackbone, hooks: McpHooks = {}): Server {
  const server = new Server(SERVER_INFO, { capabilities: { tools: {}, resources: {}, prompts: {} }, instructions: INSTRUCTIONS });
  server.oninitialized = () => {
    const client = server.getClientVersion();
    hooks.initialized?.({ name: client?.name ?? 'MCP client', version: client?.version ?? null });
  };

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: toolInputSchema(t) as { type: 'object' } })),
  }));

  // Registered with a loose schema, so a call whose `arguments` is not an object is answered by the
  // SDK's own check as invalid params (-32602), not as a parse failure (-32603 internal error).
  server.setRequestHandler(LooseCallToolRequest, async (raw, extra) => {
    const req = raw as unknown as CallToolRequest;
    const tool = toolByName(req.params.name);
    if (!tool) throw toMcpError(toApiError(createError('UNKNOWN_TOOL', req.params.name, TOOLS.map((t) => t.name).join(', '))));
    hooks.toolCalled?.(tool.name);
    const args = req.params.arguments ?? {};
    if (tool.name === 'deep_research') {
      const progressToken = extra._meta?.progressToken;
      const run = await followResearch(backbone, args, extra.signal, (progress, total, message) => {
        if (progressToken !== undefined) void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
      });
      return toResult(run);
    }
    return toResult(present(tool.name, unwrap(await backbone.call(tool.method, args, extra.signal))));
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [{
      uriTemplate: ARTICLE_URI_TEMPLATE, name: 'article', title: 'A statute article / 法条', mimeType: 'text/plain',
      description: 'One article, whole, with its citation, version date and validity (articleId from search_statutes). 条文全文，含引用、版本日期和效力。',
    }],
  }));
  // The library's 58,000 articles are reached through the template, not listed.
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (req, extra) => {
    const id = articleIdOfUri(req.params.uri);
    if (id === null) {
      throw toMcpError(toApiError(createError('NOT_FOUND', said(`The resource ${req.params.uri} (Lexbone's resources are ${ARTICLE_URI_TEMPLATE})`, `资源 ${req.params.uri}（Lexbone 的资源为 ${ARTICLE_URI_TEMPLATE}）`))));
    }
    const a = articleAnswer(unwrap(await backbone.call('article', { id }, extra.signal)));
    return { contents: [{ uri: req.params.uri, mimeType: 'text/plain', text: a.text }] };
  });

  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: [MEMO_PROMPT] }));
  server.setRequestHandler(GetPromptRequestSchema, (req) => {
    if (req.params.name !== MEMO_PROMPT.name) throw toMcpError(toApiError(createError('NOT_FOUND', said(`The prompt "${req.params.name}"`, `提示词“${req.params.name}”`))));
    if (!req.params.arguments?.question?.trim()) throw toMcpError(toApiError(createError('INVALID_REQUEST', said('the prompt needs a question', '该提示词需要 question 参数'))));
    return memoPrompt(req.params.arguments);
  });
  return server;
}

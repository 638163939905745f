/**
 * The backbone as a tool for AI assistants and RAG applications: the context pack (a question's
 * best provisions, whole, cut to a character budget) and how an assistant connects over MCP.
 * Plain data, no runtime code.
 */
import type { Budget, LawStatus } from './types';

/** Whether a provision can be quoted as the law today: its version, and whether that version is in force. */
export interface Validity {
  /** ISO date (YYYY-MM-DD) of the law version the text is from, or null when the source gives none. */
  versionDate: string | null;
  status: LawStatus;
  /** True for the current version of the law; false for a superseded one. */
  inForce: boolean;
}

/** A provision the packed article refers to (本法第X条, 《…》第X条), with its text. */
export interface PackedCitedProvision extends Validity {
  articleId: number;
  citation: string;
  /** The reference as written in the citing text. */
  reference: string;
  text: string;
}

export interface PackedArticle extends Validity {
  /** 1-based, the search's order. */
  rank: number;
  articleId: number;
  citation: string;
  lawTitle: string;
  /** Book / chapter / section headings above the article. */
  path: string[];
  text: string;
  /** The provisions it cites that fit the budget (whole), in the order the text cites them. */
  cites: PackedCitedProvision[];
}

export interface ContextPack {
  query: string;
  /** The retrieval budget the search ran with. */
  budget: Budget;
  /** The character budget asked for, and the characters of `text` (never more than the budget). */
  charBudget: number;
  chars: number;
  articles: PackedArticle[];
  /** Articles of the top N left out: duplicates of one already packed, and those that did not fit. */
  duplicates: number;
  omitted: number;
  /** The pack as one plain text, ready to put in a prompt: each provision whole, with its citation and validity. */
  text: string;
  /** Why a retrieval stage was skipped (no model), or null; in English, and in Chinese. */
  degraded: string | null;
  degradedZh: string | null;
}

/** How to start the stdio MCP server: the command and arguments an assistant's config names. */
export interface McpLaunch {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** An AI assistant (an MCP client) that connected to this library. */
export interface ConnectedAssistant {
  /** What the client calls itself in the MCP handshake (e.g. claude-ai), and its version. */
  client: string;
  clientVersion: string | null;
  transport: 'stdio' | 'http';
  /** The keyed application it calls as (HTTP), or null (the local user). */
  app: string | null;
  connectedAt: string;
  lastCallAt: string | null;
  /** Tool calls since it connected. */
  calls: number;
}

export interface AssistantConnection {
  /** The stdio server, as a desktop assistant launches it. */
  stdio: McpLaunch;
  /** The Streamable HTTP endpoint of the shared service (null: this app does not run one). */
  httpUrl: string | null;
  /** Assistants connected now (stdio: the process is alive; HTTP: a call in the last 10 minutes), most recent first. */
  connected: ConnectedAssistant[];
}

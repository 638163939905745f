/** Text of the "Connect an AI assistant" page (#/assistant), in both languages. */
import type { ConnectedAssistant } from '../../../../electron/contract/assistant-types';
import { localized } from '../../i18n/lang';

/** The command that creates an application key for the HTTP endpoint (electron/cli/apps.ts). */
export const CREATE_KEY_COMMAND = 'npm run cli -- apps create <name> --scopes search';
/** Where the shared service (`npm run serve`) answers MCP by default. */
export const DEFAULT_HTTP_URL = 'http://127.0.0.1:4870/mcp';

const zh = {
  navAssistant: 'AI 助手',
  pageTitle: '连接 AI 助手',
  pageIntro:
    'Lexbone 是一个 MCP 服务器：AI 助手（例如桌面助手）可以通过它离线检索法律法规。每条结果都附带引用、版本日期以及是否现行有效。',
  stdioTitle: '桌面助手（stdio）',
  stdioHint: '将以下内容粘贴到桌面助手的 MCP 配置文件（例如 claude_desktop_config.json）中，然后重新启动助手。',
  httpTitle: '其他 MCP 客户端（Streamable HTTP）',
  httpHint: '支持 Streamable HTTP 的客户端使用以下配置，并把 <API key> 换成为它创建的密钥。',
  createKey: '在运行共享服务的机器上创建密钥（只显示一次；<name> 为应用名称）：',
  httpNone: (command: string, url: string) => `HTTP 端点由共享服务（${command}）提供，地址为 ${url}。`,
  copy: '复制',
  copied: '已复制',
  copyFailed: '无法复制，请手动选择文字',
  statusTitle: '已连接的助手',
  checking: '正在检查…',
  noneConnected: '尚无助手连接',
  transport: (t: ConnectedAssistant['transport']) => (t === 'http' ? 'HTTP' : 'stdio'),
  app: (name: string) => `应用 ${name}`,
  lastCall: (minutes: number) => (minutes < 1 ? '最近调用：刚刚' : `最近调用：${minutes} 分钟前`),
  noCallYet: '已连接，尚未调用',
  calls: (n: number) => `${n} 次调用`,
};

const en: typeof zh = {
  navAssistant: 'AI assistant',
  pageTitle: 'Connect an AI assistant',
  pageIntro:
    'Lexbone is an MCP server: an AI assistant (a desktop assistant, for example) can search the statutes through it, offline. Every result carries its citation, the date of its version and whether it is in force.',
  stdioTitle: 'Desktop assistant (stdio)',
  stdioHint: "Paste this into the desktop assistant's MCP configuration file (claude_desktop_config.json, for example), then restart the assistant.",
  httpTitle: 'Other MCP clients (Streamable HTTP)',
  httpHint: 'A client that speaks Streamable HTTP takes this configuration, with <API key> replaced by the key made for it.',
  createKey: 'Create the key on the machine that runs the shared service (it is shown once; <name> names the application):',
  httpNone: (command, url) => `The HTTP endpoint is served by the shared service (${command}) at ${url}.`,
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy; select the text by hand',
  statusTitle: 'Connected assistants',
  checking: 'Checking…',
  noneConnected: 'No assistant connected',
  transport: (t) => (t === 'http' ? 'HTTP' : 'stdio'),
  app: (name) => `app ${name}`,
  lastCall: (minutes) => (minutes < 1 ? 'last call just now' : `last call ${minutes} min ago`),
  noCallYet: 'connected, no call yet',
  calls: (n) => (n === 1 ? '1 call' : `${n} calls`),
};

export const ASSISTANT_STRINGS = localized({ zh, en });

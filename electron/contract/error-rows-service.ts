/** Error rows of requests and the shared service: validation, access, load and the service's own files. */
import { row } from './error-row';
import { sayIn, type Detail, type Said } from './said';

export const SERVICE_ERRORS = {
  INVALID_REQUEST: row(
    400,
    (detail: Detail) => `The request is not valid: ${sayIn('en', detail)}`,
    (detail) => `请求无效：${sayIn('zh', detail)}`,
  ),
  UNKNOWN_METHOD: row(
    404,
    (name: string) => `There is no API method called "${name}".`,
    (name) => `没有名为“${name}”的接口方法。`,
  ),
  UNKNOWN_TOOL: row(
    404,
    (name: string, tools: string) => `There is no tool called "${name}"; the tools are ${tools}.`,
    (name, tools) => `没有名为“${name}”的工具；可用的工具：${tools}。`,
  ),
  NOT_FOUND: row(
    404,
    (what: Said) => `${what.en} was not found.`,
    (what) => `未找到${what.zh}。`,
  ),
  NOT_READY: row(
    503,
    (detail: Detail) => `The library is not ready yet: ${sayIn('en', detail)}`,
    (detail) => `法规库尚未就绪：${sayIn('zh', detail)}`,
  ),
  PAYLOAD_TOO_LARGE: row(
    413,
    (limitKb: number) => `The request body is larger than ${limitKb} KB. Send a smaller request.`,
    (limitKb) => `请求内容超过 ${limitKb} KB，请发送较小的请求。`,
  ),
  METHOD_NOT_ALLOWED: row(
    405,
    (method: string) => `Use POST with a JSON body for API calls (got ${method}).`,
    (method) => `调用接口请使用 POST 并附 JSON 请求体（收到的是 ${method}）。`,
  ),
  FORBIDDEN: row(
    403,
    (who: Said, fix?: Detail) => `${who.en} may not call the Lexbone API${fix ? `: ${sayIn('en', fix)}` : '.'}`,
    (who, fix?: Detail) => `${who.zh}无权调用 Lexbone 接口${fix ? `：${sayIn('zh', fix)}` : '。'}`,
  ),
  UNAUTHORIZED: row(
    401,
    (why: Said) =>
      `${why.en} Send the application's key as "Authorization: Bearer lxb_…" (or "x-api-key"); an administrator creates one with: npm run cli -- apps create <name>.`,
    (why) =>
      `${why.zh}请以“Authorization: Bearer lxb_…”（或“x-api-key”）发送应用的密钥；管理员可用命令 npm run cli -- apps create <名称> 创建。`,
  ),
  RATE_LIMITED: row(
    429,
    (app: string, perMinute: number, retrySeconds: number) =>
      `The application "${app}" is limited to ${perMinute} requests a minute. Retry after ${retrySeconds} s, or ask the administrator for a higher --rate.`,
    (app, perMinute, retrySeconds) =>
      `应用“${app}”每分钟最多 ${perMinute} 次请求。请在 ${retrySeconds} 秒后重试，或请管理员调高 --rate。`,
  ),
  TOO_MANY_CONCURRENT: row(
    429,
    (app: string, limit: number) =>
      `The application "${app}" already has ${limit} requests in flight (its limit). Wait for one to finish, or ask the administrator for a higher --concurrency.`,
    (app, limit) => `应用“${app}”已有 ${limit} 个请求在处理中（已达上限）。请等待其中一个完成，或请管理员调高 --concurrency。`,
  ),
  OVERLOADED: row(
    429,
    (retryAfterS: number) =>
      `The service is busy: every search slot and queue place is taken. Try again in ${retryAfterS} s (see the Retry-After header).`,
    (retryAfterS) => `服务繁忙：所有检索名额和排队位置均已占满。请在 ${retryAfterS} 秒后重试（见 Retry-After 响应头）。`,
  ),
  REQUEST_TIMEOUT: row(
    504,
    (ms: number, where: 'queued' | 'running') =>
      `The request took longer than ${ms} ms (it was still ${where === 'queued' ? 'waiting for a search slot' : 'running'}) and was stopped. Try again, or ask for a smaller budget (a lower preset, or fewer k / n).`,
    (ms, where) =>
      `请求超过 ${ms} 毫秒（当时仍在${where === 'queued' ? '等待检索名额' : '运行'}），已被停止。请重试，或减小检索预算（较低的预设，或较小的 k / n）。`,
  ),
  SHUTTING_DOWN: row(
    503,
    () => `The service is shutting down and accepts no new requests. Try again once it has restarted.`,
    () => `服务正在关闭，不再接受新请求。请在其重新启动后重试。`,
  ),
  APP_EXISTS: row(
    409,
    (name: string) => `An application called "${name}" already exists. Choose another name, or revoke the old one first.`,
    (name) => `名为“${name}”的应用已存在。请换一个名称，或先吊销旧的应用。`,
  ),
  APP_NOT_FOUND: row(
    404,
    (name: string) =>
      `There is no application called "${name}" (or with that key id) that is not revoked. List them with: npm run cli -- apps list.`,
    (name) => `没有名为“${name}”（或以此为密钥编号）且未被吊销的应用。可用命令 npm run cli -- apps list 列出。`,
  ),
  APPS_DB_INVALID: row(
    503,
    (path: string, detail: string) =>
      `The applications file ${path} cannot be used (${detail}). Move it aside and create the applications again; the library is not affected.`,
    (path, detail) => `应用文件 ${path} 无法使用（${detail}）。请将其移到别处并重新创建应用；法规库不受影响。`,
  ),
  LAN_NOT_ALLOWED: row(
    400,
    (host: string) =>
      `${host} is not a loopback address: other machines could reach the service. Add --allow-lan to listen there (every request then needs an API key), or use --host 127.0.0.1.`,
    (host) =>
      `${host} 不是本机回环地址：其他计算机将能访问该服务。如确需在此监听，请加 --allow-lan（此后每个请求都需要密钥），或使用 --host 127.0.0.1。`,
  ),
  TLS_FILES_INVALID: row(
    400,
    (detail: string) =>
      `HTTPS cannot start: ${detail}. Give --tls-cert and --tls-key together, as PEM files of a certificate and its private key.`,
    (detail) => `无法启用 HTTPS：${detail}。请同时提供 --tls-cert 和 --tls-key，分别为证书及其私钥的 PEM 文件。`,
  ),
  INTERNAL: row(
    500,
    (detail: string) => `Something went wrong inside Lexbone: ${detail}`,
    (detail) => `Lexbone 内部出错：${detail}`,
  ),
} as const;

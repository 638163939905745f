/**
 * The renderer's Content Security Policy, one text for every shell: Electron's main process and the
 * HTTP server send it as a header; renderer/index.html carries the same text in a <meta>
 * (tests/e2e/security.spec.ts checks that they agree).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

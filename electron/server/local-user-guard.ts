/**
 * The local user (no key, loopback) is whoever can reach 127.0.0.1 — including, through the
 * lawyer's own browser, any web page they visit. Two checks keep those pages out:
 * - DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends `Host: evil.example`; a
 *   keyless request must name a loopback host.
 * - Cross-site requests: a browser marks every cross-origin POST with `Origin`; a keyless request
 *   with an Origin must come from the service's own origin (the web UI it serves). Clients that
 *   are not browsers (curl, scripts) send no Origin.
 */
import { isLoopback } from './binding';

type Headers = Record<string, string | string[] | undefined>;

/** The host part of a Host header (`127.0.0.1:4870`, `[::1]:4870`, `localhost`). */
function hostName(host: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(host) ?? /^([^:]+)(?::\d+)?$/.exec(host);
  return m ? m[1]! : host;
}

/** Why a keyless request may not act as the local user, or null when it may. */
export function localUserRefusal(headers: Headers): string | null {
  const host = typeof headers.host === 'string' ? headers.host.trim().toLowerCase() : '';
  if (!host || !isLoopback(hostName(host))) {
    return `a request without a key must be addressed to a loopback host (got Host: ${host || 'none'}); use http://127.0.0.1:<port>, or send an API key`;
  }
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let own = false;
    try {
      own = new URL(origin).host.toLowerCase() === host;
    } catch {
      own = false;
    }
    if (!own) return `a web page from ${origin} may not use the local user's access; only the service's own page may call it without a key`;
  } else if (origin === 'null') {
    return 'a sandboxed or file: page may not use the local user\'s access; call the service with an API key';
  }
  return null;
}

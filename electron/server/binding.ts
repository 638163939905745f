/**
 * Where the service listens and who must show a key. Loopback (127.0.0.0/8, ::1, localhost) is
 * the default and the only place the local user may call without a key. Any other address is
 * refused unless --allow-lan is given, and then every request needs a key. TLS from PEM files.
 */
import { readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { createError } from '../contract/errors';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6'); // also matches ::ffff:127.x.x.x

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  const family = isIP(h);
  if (family === 0) return false; // a host name other than localhost may resolve to anything
  return LOOPBACK.check(h, family === 4 ? 'ipv4' : 'ipv6');
}

export interface BindingFlags {
  host: string;
  allowLan: boolean;
  requireKeys: boolean;
}

/** Whether keys are required; throws LAN_NOT_ALLOWED for a non-loopback host without --allow-lan. */
export function accessPolicy(flags: BindingFlags): { requireKeys: boolean; lan: boolean } {
  const lan = !isLoopback(flags.host);
  if (lan && !flags.allowLan) throw createError('LAN_NOT_ALLOWED', flags.host);
  return { requireKeys: lan || flags.requireKeys, lan };
}

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** Reads and checks a certificate and its key (they must be PEM and belong together); null when neither is given. */
export function loadTls(certPath: string | undefined, keyPath: string | undefined): TlsFiles | null {
  if (certPath === undefined && keyPath === undefined) return null;
  if (certPath === undefined || keyPath === undefined) throw createError('TLS_FILES_INVALID', `only --tls-${certPath ? 'cert' : 'key'} was given`);
  const read = (p: string, what: string): Buffer => {
    try {
      return readFileSync(p);
    } catch (e) {
      throw createError('TLS_FILES_INVALID', `the ${what} file ${p} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  const files = { cert: read(certPath, 'certificate'), key: read(keyPath, 'key') };
  try {
    createSecureContext(files);
  } catch (e) {
    throw createError('TLS_FILES_INVALID', `${certPath} and ${keyPath} are not a PEM certificate and its private key (${(e as Error).message})`);
  }
  return files;
}

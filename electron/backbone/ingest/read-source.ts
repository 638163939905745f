import { readFileSync, statSync } from 'node:fs';
import { createError } from '../../contract/errors';
import type { EncodingGuess } from '../../contract/error-rows-library';

/** Files larger than this are refused before they are read. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/** Line (1-based) holding the given byte offset. */
function lineOfByte(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // overlong 3-byte, surrogates, and > U+10FFFF
    if (n === 2 && b === 0xe0 && buf[i + 1]! < 0xa0) return i;
    if (n === 2 && b === 0xed && buf[i + 1]! > 0x9f) return i;
    if (n === 3 && b === 0xf0 && buf[i + 1]! < 0x90) return i;
    if (n === 3 && b === 0xf4 && buf[i + 1]! > 0x8f) return i;
    i += n + 1;
  }
  return -1;
}

function encodingGuess(buf: Buffer): EncodingGuess {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'UTF-16 LE';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'UTF-16 BE';
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(buf.subarray(0, 65536));
    return 'GBK/GB18030';
  } catch {
    return null;
  }
}

/** Throws BAD_ENCODING naming the file and line unless `buf` is UTF-8. */
export function checkUtf8(buf: Buffer, displayPath: string): void {
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0) throw createError('BAD_ENCODING', displayPath, lineOfByte(buf, bad), encodingGuess(buf));
}

/** Decodes bytes as UTF-8 (dropping a BOM) or throws BAD_ENCODING naming the file and line. */
function decodeUtf8(buf: Buffer, displayPath: string): string {
  checkUtf8(buf, displayPath);
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Checks existence and size before reading, so a 200 MB file is refused without loading it. */
export function checkSourceSize(path: string, displayPath: string, limit = MAX_SOURCE_BYTES): number {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw createError('FILE_NOT_FOUND', displayPath);
  }
  if (size > limit) {
    throw createError('FILE_TOO_LARGE', displayPath, Math.round(size / 1048576), Math.round(limit / 1048576));
  }
  return size;
}

export function readSourceText(path: string, displayPath: string, limit = MAX_SOURCE_BYTES): string {
  checkSourceSize(path, displayPath, limit);
  return decodeUtf8(readFileSync(path), displayPath);
}

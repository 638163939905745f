import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const EDGE = 1 << 20;

/**
 * A model's fingerprint: its manifest, and its weights file's size and first and last megabyte.
 * A retrained model (same id, new weights) gets a new fingerprint, so its old vectors are never
 * served; reading two megabytes keeps this cheap for multi-gigabyte exports.
 */
export function modelFingerprint(dir: string, modelFile: string): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(dir, 'manifest.json')));
  const path = join(dir, modelFile);
  const size = statSync(path).size;
  h.update(String(size));
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(EDGE, size));
    readSync(fd, buf, 0, buf.length, 0);
    h.update(buf);
    if (size > EDGE) {
      readSync(fd, buf, 0, buf.length, Math.max(0, size - EDGE));
      h.update(buf);
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The app's A/B sessions on disk: one `npm run ab` session file per session in a folder of the
 * user's data folder (`<data folder>/ab/<id>.json`). Every change is one atomic write of the whole
 * file (temporary file, fsync, rename), so a crash loses at most the verdict being given, and a
 * damaged file is reported, never overwritten.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createError, toApiError, type ApiErrorShape } from '../../contract/errors';
import { writeFileAtomic } from '../store/write-file-atomic';
import type { Verdict } from './ab-compare';
import { parseAbSession, recordVerdict, serializeAbSession, type AbSession } from './ab-session';

const ID = /^[a-z0-9-]{1,64}$/;

/** A listed file: its session, or why it cannot be read. */
export type StoredSession = { id: string; session: AbSession; problem: null } | { id: string; session: null; problem: ApiErrorShape };

export class AbStore {
  constructor(readonly dir: string) {}

  /** A new id that sorts by creation time: ab-20261201-110203-1a2b. */
  static newId(now = new Date()): string {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return `ab-${stamp}-${randomBytes(2).toString('hex')}`;
  }

  path(id: string): string {
    if (!ID.test(id)) throw createError('INVALID_REQUEST', `"${id}" is not an A/B session id.`);
    return join(this.dir, `${id}.json`);
  }

  /** Every session file in the folder (none when the folder does not exist yet). */
  list(): StoredSession[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .filter((n) => n.endsWith('.json') && ID.test(n.slice(0, -5)))
      .map((n): StoredSession => {
        const id = n.slice(0, -5);
        try {
          return { id, session: this.read(id), problem: null };
        } catch (e) {
          return { id, session: null, problem: toApiError(e) };
        }
      });
  }

  read(id: string): AbSession {
    const path = this.path(id);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw createError('AB_SESSION_NOT_FOUND', id);
      throw createError('AB_SESSION_DAMAGED', path, (e as Error).message);
    }
    try {
      return parseAbSession(text, path);
    } catch (e) {
      throw createError('AB_SESSION_DAMAGED', path, (e as Error).message.replace(`${path}: `, ''));
    }
  }

  write(id: string, session: AbSession): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.path(id), serializeAbSession(session));
  }

  /** Records a verdict for the item at `index` (judging order) and saves the session at once. */
  judge(id: string, index: number, verdict: Verdict): AbSession {
    const session = this.read(id);
    const item = session.items[index];
    if (!item) throw createError('AB_ITEM_NOT_FOUND', index, session.items.length);
    const next = recordVerdict(session, item.itemId, verdict);
    this.write(id, next);
    return next;
  }
}

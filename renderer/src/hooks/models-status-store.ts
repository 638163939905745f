/**
 * One poller of the `models` status for the whole window. The header's index indicator, the
 * missing-model banner and the models page each say how soon they want the next answer, given the
 * last one; the store asks once, at the soonest of those, and hands the answer to all of them.
 * `refresh` asks at once; only the latest answer is kept; with nobody subscribed nothing is asked.
 * No React here: hooks/use-models-status.ts subscribes components to it.
 */
import type { Api } from '../../../electron/contract/api';
import type { ModelsStatus } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';

export interface ModelsSnapshot {
  status: ModelsStatus | null;
  failure: ApiError | null;
}

/** How long a subscriber wants to wait for the next answer after `snapshot` (ms). */
export type PollDelay = (snapshot: ModelsSnapshot) => number;

interface Subscriber {
  notify: () => void;
  delay: PollDelay;
}

export class ModelsStatusStore {
  private snapshot: ModelsSnapshot = { status: null, failure: null };
  private readonly subscribers = new Set<Subscriber>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;
  private inFlight = false;
  /** When the last answer came (0: none yet); the next request is due this long after it. */
  private answeredAt = 0;

  constructor(private readonly api: Pick<Api, 'models'>) {}

  get current(): ModelsSnapshot {
    return this.snapshot;
  }

  /** Adds a subscriber; it gets a request at once when the last answer is older than it wants. */
  subscribe(notify: () => void, delay: PollDelay): () => void {
    const sub = { notify, delay };
    this.subscribers.add(sub);
    this.schedule();
    return () => {
      this.subscribers.delete(sub);
      if (this.subscribers.size === 0) clearTimeout(this.timer);
      else this.schedule();
    };
  }

  /** Asks now (after a change the caller made); the answer reaches every subscriber. */
  refresh(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.latest;
    clearTimeout(this.timer);
    this.inFlight = true;
    let next: ModelsSnapshot;
    try {
      next = { status: await this.api.models({}), failure: null };
    } catch (e) {
      next = { status: this.snapshot.status, failure: asApiError(e) };
    }
    if (id !== this.latest) return; // a later request is on its way
    this.inFlight = false;
    this.answeredAt = Date.now();
    this.snapshot = next;
    for (const s of this.subscribers) s.notify();
    this.schedule();
  }

  /** The next request at the soonest any subscriber wants one after the last answer (none while one is in flight). */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.inFlight || this.subscribers.size === 0) return;
    const ms = Math.min(...[...this.subscribers].map((s) => s.delay(this.snapshot)));
    if (!Number.isFinite(ms)) return;
    const wait = this.answeredAt + ms - Date.now();
    if (wait <= 0) void this.load();
    else this.timer = setTimeout(() => void this.load(), wait);
  }
}

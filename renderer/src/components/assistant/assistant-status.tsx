/**
 * Which assistants are connected now, one compact line each: the client (and its version), the
 * transport, the application it calls as, when it last called and how many calls it made. A live
 * region, so a screen reader hears an assistant arrive; it updates with each poll.
 */
import type { ConnectedAssistant } from '../../../../electron/contract/assistant-types';
import { ASSISTANT_STRINGS as T } from './assistant-strings';

/** Whole minutes from `iso` to `now` (never negative: clocks of two processes may differ a little). */
export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

export function assistantLine(a: ConnectedAssistant, now: number): string {
  const parts = [a.clientVersion ? `${a.client} ${a.clientVersion}` : a.client, T.transport(a.transport)];
  if (a.app) parts.push(T.app(a.app));
  parts.push(a.lastCallAt ? T.lastCall(minutesSince(a.lastCallAt, now)) : T.noCallYet);
  parts.push(T.calls(a.calls));
  return parts.join(' · ');
}

interface Props {
  /** Null until the first answer. */
  connected: ConnectedAssistant[] | null;
}

export function AssistantStatus({ connected }: Props) {
  const now = Date.now();
  return (
    <section className="assistant__section" aria-labelledby="assistant-status-title">
      <h3 id="assistant-status-title">{T.statusTitle}</h3>
      <div className="assistant-status" role="status" aria-live="polite" data-testid="assistant-status" data-connected={connected?.length ?? ''}>
        {connected === null ? (
          <p className="assistant-status__none">{T.checking}</p>
        ) : connected.length === 0 ? (
          <p className="assistant-status__none" data-testid="assistant-none">{T.noneConnected}</p>
        ) : (
          <ul className="assistant-status__list">
            {connected.map((a) => (
              <li
                key={`${a.transport}|${a.app ?? ''}|${a.client}|${a.connectedAt}`}
                data-testid="assistant-connected"
                data-client={a.client}
                data-transport={a.transport}
                data-calls={a.calls}
              >
                {assistantLine(a, now)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

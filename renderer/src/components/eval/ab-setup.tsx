/**
 * Starting a blind A/B comparison: versions A and B, the budget preset, and the questions (the
 * recent search history, or pasted lines); then the preparation's progress bar, with Cancel. Below, the
 * sessions kept in the data folder, to resume judging or see a result.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { AbSessionSummary } from '../../../../electron/contract/ab-types';
import type { BackboneVersion, PresetName } from '../../../../electron/contract/types';
import { formatDateTime, percent } from '../../format';
import { href } from '../../hooks/use-route';
import { PRESET_LABELS } from '../../strings';
import { EVAL_STRINGS as T } from './eval-strings';
import { useAbSessions } from './use-ab-sessions';
import { errorText } from '../../api/api-error';

const PRESETS: PresetName[] = ['quick', 'standard', 'research'];
/** As many recent searches as the backbone takes by default. */
const HISTORY_QUERIES = 50;

function pastedLines(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
}

/** The preparation's progress, with Cancel while it runs; a cancelled one keeps how far it got. */
function PrepareProgress({ job, onCancel }: { job: AbSessionSummary; onCancel?: (id: string) => Promise<void> }) {
  const p = job.progress ?? { phase: 'starting', done: 0, total: 0 };
  const pct = percent(p.done, p.total);
  const [cancelling, setCancelling] = useState(false);
  const running = job.state === 'preparing';
  return (
    <div className="ab-progress" data-testid="ab-progress" data-state={job.state} aria-live="polite">
      <div className="ab-progress__row">
        <progress className="import__bar" data-testid="ab-progress-bar" aria-label={T.progressLabel} max={p.total || undefined} value={p.total ? p.done : undefined} />
        {running && onCancel && (
          <button
            type="button" className="ab-button" data-testid="ab-cancel" disabled={cancelling}
            onClick={() => { setCancelling(true); void onCancel(job.id).finally(() => setCancelling(false)); }}
          >
            {cancelling ? T.cancelling : T.cancel}
          </button>
        )}
      </div>
      <p className="import__detail">
        <span data-testid="ab-progress-phase">{T.phases[p.phase] ?? p.phase}</span>
        {p.total > 0 && <span>{T.progressCounts(p.done, p.total)}</span>}
        {pct !== null && <span>{pct}%</span>}
      </p>
      {!running && <p className="ab-session__line">{T.cancelledNote}</p>}
    </div>
  );
}

function SessionItem({ s, onCancel }: { s: AbSessionSummary; onCancel: (id: string) => Promise<void> }) {
  const done = s.items > 0 && s.judged === s.items;
  return (
    <li className="ab-session" data-testid="ab-session" data-id={s.id} data-state={s.state}>
      <div className="ab-session__head">
        <strong>{s.createdAt ? formatDateTime(s.createdAt) : s.id}</strong>
        {s.querySource && <span className="ab-session__tag">{T.sessionSource[s.querySource]}</span>}
        {s.preset && <span className="ab-session__tag">{PRESET_LABELS[s.preset] ?? s.preset}</span>}
        {s.state === 'ready' && (
          <a className="versions__button ab-session__open" href={href('eval', ['ab', s.id])} data-testid="ab-session-open">
            {done || s.items === 0 ? T.sessionResults : s.judged > 0 ? T.sessionContinue : T.sessionStart}
          </a>
        )}
      </div>
      {s.state === 'ready' && (
        <p className="ab-session__line">
          {T.sessionLine(s.queries, s.items, s.identical)} · <span data-testid="ab-session-judged">{T.sessionJudged(s.judged, s.items)}</span>
        </p>
      )}
      {(s.state === 'preparing' || s.state === 'cancelled') && <PrepareProgress job={s} onCancel={onCancel} />}
      {s.state === 'failed' && (
        <p className="ab-session__error" data-testid="ab-session-error" data-code={s.error?.code}>
          <strong>{s.createdAt ? T.sessionFailed : T.sessionDamaged}</strong> {s.error && errorText(s.error)}
        </p>
      )}
    </li>
  );
}

export function AbSetup({ api }: { api: Api }) {
  const view = useAbSessions(api);
  const [versions, setVersions] = useState<BackboneVersion[] | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  /** Whether the history has been read (until then, the choice of source waits). */
  const [historyRead, setHistoryRead] = useState(false);
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [preset, setPreset] = useState<PresetName>('standard');
  const [source, setSource] = useState<'history' | 'pasted'>('history');
  const [pasted, setPasted] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.versions({}).then((vs) => {
      if (!live) return;
      setVersions(vs);
      const active = vs.find((v) => v.active) ?? vs[0];
      setA(active?.id ?? null);
      setB(vs.find((v) => v.id !== active?.id)?.id ?? null);
    }, () => live && setVersions([]));
    void api.history({ limit: 1000 }).then((h) => {
      if (!live) return;
      setRecent([...new Set(h.map((e) => e.text.trim()))].slice(0, HISTORY_QUERIES));
      setHistoryRead(true);
    }, () => live && setHistoryRead(true));
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    // No recent searches: the questions must be pasted.
    if (historyRead && recent.length === 0) setSource('pasted');
  }, [historyRead, recent]);

  const lines = useMemo(() => pastedLines(pasted), [pasted]);
  const byId = (id: number | null) => versions?.find((v) => v.id === id);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (a === null || b === null || a === b) return setFormError(T.sameVersion);
    if (source === 'pasted' && lines.length === 0) return setFormError(T.noQueries);
    setFormError(null);
    await view.prepare({ a, b, preset, ...(source === 'pasted' ? { queries: lines } : {}) });
  };

  const versionSelect = (label: string, value: number | null, set: (id: number) => void, testId: string) => (
    <label className="ab-form__field">
      <span className="ab-form__label">{label}</span>
      <select value={value ?? ''} onChange={(e) => set(Number(e.target.value))} data-testid={testId}>
        {versions!.map((v) => <option key={v.id} value={v.id}>{T.versionOption(v.id, v.label, v.active)}</option>)}
      </select>
      <span className="ab-form__models">{byId(value) ? T.versionModels(byId(value)!.embedderId, byId(value)!.rerankerId) : ''}</span>
    </label>
  );

  return (
    <div className="ab-setup" data-testid="ab-setup">
      <section className="panel ab-form-panel">
        <h3>{T.abTitle}</h3>
        <p className="eval-section__lead">{T.abLead}</p>
        {versions === null && <p className="notice">{T.versionsLoading}</p>}
        {versions !== null && versions.length < 2 && <p className="versions__hint" data-testid="ab-versions-needed">{T.versionsNeeded}</p>}
        {versions !== null && versions.length >= 2 && (
          <form className="ab-form" onSubmit={submit} data-testid="ab-form">
            <div className="ab-form__row">
              {versionSelect(T.versionA, a, setA, 'ab-version-a')}
              {versionSelect(T.versionB, b, setB, 'ab-version-b')}
              <label className="ab-form__field ab-form__field--narrow">
                <span className="ab-form__label">{T.presetLabel}</span>
                <select value={preset} onChange={(e) => setPreset(e.target.value as PresetName)} data-testid="ab-preset">
                  {PRESETS.map((p) => <option key={p} value={p}>{PRESET_LABELS[p]}</option>)}
                </select>
              </label>
            </div>
            <fieldset className="ab-form__queries">
              <legend className="ab-form__label">{T.queriesLabel}</legend>
              <label className="ab-form__radio">
                <input type="radio" name="ab-source" checked={source === 'history'} disabled={recent.length === 0} onChange={() => setSource('history')} data-testid="ab-source-history" />
                {recent.length > 0 ? T.queriesHistory(recent.length) : T.queriesHistoryNone}
              </label>
              {source === 'history' && recent.length > 0 && (
                <p className="ab-form__recent" data-testid="ab-recent">{recent.slice(0, 8).join(T.listSep)}{recent.length > 8 ? '…' : ''}</p>
              )}
              <label className="ab-form__radio">
                <input type="radio" name="ab-source" checked={source === 'pasted'} onChange={() => setSource('pasted')} data-testid="ab-source-pasted" />
                {T.queriesPasted}
              </label>
              {source === 'pasted' && (
                <label className="ab-form__paste">
                  <span className="visually-hidden">{T.queriesPastedHint}</span>
                  <textarea rows={5} value={pasted} placeholder={T.queriesPastedPlaceholder} onChange={(e) => setPasted(e.target.value)} data-testid="ab-queries" />
                  <span className="ab-form__count">{T.queriesPastedHint} · {T.queriesPastedCount(lines.length)}</span>
                </label>
              )}
            </fieldset>
            <div className="ab-form__actions">
              <button type="submit" className="ab-button ab-button--primary" disabled={view.preparing !== null} data-testid="ab-prepare">
                {view.preparing ? T.preparing : T.prepare}
              </button>
              {(formError || view.prepareError) && (
                <p className="ab-form__error" role="alert" data-testid="ab-prepare-error" data-code={view.prepareError?.code}>
                  {formError ?? `${T.prepareFailed}${T.colon}${errorText(view.prepareError!)}`}
                </p>
              )}
            </div>
          </form>
        )}
      </section>

      <section className="ab-sessions" aria-labelledby="ab-sessions-title">
        <h3 id="ab-sessions-title">{T.sessionsTitle}</h3>
        {view.loadError && <p className="ab-form__error" role="alert">{T.sessionsLoadFailed}{T.colon}{errorText(view.loadError)}</p>}
        {view.cancelError && <p className="ab-form__error" role="alert" data-testid="ab-cancel-error">{T.cancelFailed}{T.colon}{errorText(view.cancelError)}</p>}
        {view.sessions?.length === 0 && <p className="versions__hint" data-testid="ab-sessions-empty">{T.sessionsEmpty}</p>}
        {view.sessions && view.sessions.length > 0 && (
          <ul className="ab-sessions__list" data-testid="ab-sessions">
            {view.sessions.map((s) => <SessionItem key={s.id} s={s} onCancel={view.cancel} />)}
          </ul>
        )}
      </section>
    </div>
  );
}

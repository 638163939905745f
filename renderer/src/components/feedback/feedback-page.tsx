/**
 * The feedback page (#/feedback): every mark, filtered by date, law and mark, each editable and
 * deletable; the failure cases with what was shown and a box to name the right article; JSONL
 * export and import; and training a new backbone version from the feedback.
 */
import { useState, type ChangeEvent } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { FailureCase, FeedbackItem, FeedbackMark } from '../../../../electron/contract/feedback-types';
import { asApiError, errorText, type ApiError } from '../../api/api-error';
import { ErrorBanner } from '../error-banner';
import { downloadBase64 } from '../../download';
import { formatDateTime } from '../../format';
import { useApiQuery } from '../../hooks/use-api-query';
import { href } from '../../hooks/use-route';
import { FeedbackTraining } from './feedback-training';
import { FEEDBACK_STRINGS as T } from './feedback-strings';
import './feedback.css';

const PAGE = 200;
const MARKS: FeedbackMark[] = ['relevant', 'not_relevant', 'nothing_here', 'opened'];

interface Filters {
  from: string;
  to: string;
  law: string;
  mark: FeedbackMark | '';
}

function citationLink(citation: string) {
  return (
    <a href={href('search', [], { q: citation })} data-testid="feedback-citation">
      {citation}
    </a>
  );
}

function ItemRow({ item, onChange, onDelete }: { item: FeedbackItem; onChange: (mark: 'relevant' | 'not_relevant') => void; onDelete: () => void }) {
  const editable = item.mark === 'relevant' || item.mark === 'not_relevant';
  return (
    <tr data-testid="feedback-item" data-id={item.id} data-mark={item.mark} data-source={item.source}>
      <td className="feedback__query">{item.query}</td>
      <td>{item.article ? citationLink(item.article.citation) : '—'}</td>
      <td>
        {editable ? (
          <select aria-label={T.colMark} data-testid="feedback-item-mark" value={item.mark} onChange={(e) => onChange(e.target.value as 'relevant' | 'not_relevant')}>
            <option value="relevant">{T.marks.relevant}</option>
            <option value="not_relevant">{T.marks.not_relevant}</option>
          </select>
        ) : (
          T.marks[item.mark]
        )}
      </td>
      <td>
        {T.sources[item.source]}
        {item.rank !== null ? ` · ${T.rank(item.rank)}` : ''}
        {item.app ? ` · ${item.app}` : ''}
      </td>
      <td className="num">{formatDateTime(item.updatedAt)}</td>
      <td>
        <button type="button" className="versions__button versions__button--quiet" data-testid="feedback-item-delete" onClick={onDelete}>
          {T.delete}
        </button>
      </td>
    </tr>
  );
}

function FailureRow({ api, failure, onAdded }: { api: Api; failure: FailureCase; onAdded: () => void }) {
  const [citation, setCitation] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const add = async () => {
    try {
      await api.addFailureArticle({ query: failure.query, citation: citation.trim() });
      setCitation('');
      setError(null);
      onAdded();
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <li className="failure" data-testid="failure-case" data-query={failure.query} data-reason={failure.reason}>
      <div className="failure__head">
        <strong>{failure.query}</strong>
        <span className="badge">{T.reasons[failure.reason]}</span>
        <span className="failure__when">{formatDateTime(failure.at)}</span>
      </div>
      {failure.shown.length > 0 && (
        <details className="failure__shown">
          <summary>
            {T.shown} ({failure.shown.length})
          </summary>
          <ol>
            {failure.shown.map((a) => (
              <li key={`${a.lawTitle}|${a.lawVersion}|${a.label}`}>{citationLink(a.citation)}</li>
            ))}
          </ol>
        </details>
      )}
      {failure.added.length > 0 && (
        <p data-testid="failure-added">
          {T.addedArticles}
          {failure.added.map((i) => i.article!.citation).join('；')}
        </p>
      )}
      <form
        className="failure__add"
        onSubmit={(e) => {
          e.preventDefault();
          if (citation.trim()) void add();
        }}
      >
        <input aria-label={T.addArticleLabel} data-testid="failure-citation" value={citation} placeholder={T.addArticlePlaceholder} onChange={(e) => setCitation(e.target.value)} />
        <button type="submit" className="versions__button" data-testid="failure-add" disabled={!citation.trim()}>
          {T.addArticle}
        </button>
      </form>
      {error && (
        <p className="feedback-error" role="alert" data-testid="feedback-error" data-code={error.code}>
          {errorText(error)}
        </p>
      )}
    </li>
  );
}

export function FeedbackPage({ api }: { api: Api }) {
  const [filters, setFilters] = useState<Filters>({ from: '', to: '', law: '', mark: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const request = { from: filters.from || undefined, to: filters.to || undefined, law: filters.law.trim() || undefined, mark: filters.mark || undefined, limit: PAGE };
  const page = useApiQuery((o) => api.feedback(request, o), [api, filters.from, filters.to, filters.law, filters.mark]);
  const failures = useApiQuery((o) => api.failureCases({ limit: 50 }, o), [api]);
  const reload = () => {
    page.reload();
    failures.reload();
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
    reload();
  };
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setReport(null);
    setImportErrors([]);
    await act(async () => {
      const r = await api.importFeedback({ text: await file.text() });
      if (r.errors.length) setImportErrors(r.errors.map((x) => T.importLine(x.line, x.message)));
      else setReport(T.imported(r.added, r.updated));
    });
  };
  const set = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }));
  const shownError = error ?? page.error ?? failures.error;
  const items = page.data?.items ?? [];

  return (
    <section className="page feedback" data-testid="feedback-page">
      <header>
        <h2 className="page__title">{T.pageTitle}</h2>
        <p className="page__lead">{T.pageIntro}</p>
      </header>
      {shownError && <ErrorBanner error={shownError} />}
      <FeedbackTraining api={api} />
      <div className="feedback__tools">
        <label>
          <span>{T.filterFrom}</span>
          <input type="date" data-testid="feedback-from" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          <span>{T.filterTo}</span>
          <input type="date" data-testid="feedback-to" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          <span>{T.filterLaw}</span>
          <input data-testid="feedback-law" value={filters.law} placeholder={T.filterLawPlaceholder} onChange={(e) => set({ law: e.target.value })} />
        </label>
        <label>
          <span>{T.filterMark}</span>
          <select data-testid="feedback-mark" value={filters.mark} onChange={(e) => set({ mark: e.target.value as FeedbackMark | '' })}>
            <option value="">{T.allMarks}</option>
            {MARKS.map((m) => (
              <option key={m} value={m}>
                {T.marks[m]} ({page.data?.counts[m] ?? 0})
              </option>
            ))}
          </select>
        </label>
        <span className="feedback__io">
          <button
            type="button"
            className="versions__button"
            data-testid="feedback-export"
            onClick={() => void act(async () => {
              const f = await api.exportFeedback({});
              downloadBase64(f.filename, f.mimeType, f.base64);
            })}
          >
            {T.export}
          </button>
          <label className="versions__button feedback__import">
            {T.import}
            <input type="file" accept=".jsonl,.json,application/x-ndjson" data-testid="feedback-import" onChange={(e) => void onImport(e)} hidden />
          </label>
        </span>
      </div>
      {report && <p role="status" data-testid="feedback-import-report">{report}</p>}
      {importErrors.length > 0 && (
        <div className="error-banner" role="alert" data-testid="feedback-import-errors">
          <strong>{T.importRefused}</strong>
          <ul>
            {importErrors.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
      <p data-testid="feedback-total" data-total={page.data?.total ?? 0}>
        {page.data ? T.total(page.data.total, items.length) : ''}
      </p>
      {page.data && items.length === 0 ? (
        <p className="notice" data-testid="feedback-none">{T.none}</p>
      ) : (
        <table className="feedback__table" data-testid="feedback-items">
          <thead>
            <tr>
              <th>{T.colQuery}</th>
              <th>{T.colArticle}</th>
              <th>{T.colMark}</th>
              <th>{T.colWhere}</th>
              <th>{T.colWhen}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ItemRow
                key={item.id}
                item={item}
                onChange={(mark) => void act(() => api.updateFeedback({ id: item.id, mark }))}
                onDelete={() => void act(() => api.deleteFeedback({ id: item.id }))}
              />
            ))}
          </tbody>
        </table>
      )}
      <section className="feedback__failures" data-testid="failure-cases">
        <h3>{T.failuresTitle}</h3>
        <p className="page__lead">{T.failuresIntro}</p>
        {failures.data && failures.data.length === 0 && <p className="notice">{T.noFailures}</p>}
        <ul>
          {(failures.data ?? []).map((f) => (
            <FailureRow key={`${f.reason}:${f.query}`} api={api} failure={f} onAdded={reload} />
          ))}
        </ul>
      </section>
    </section>
  );
}
